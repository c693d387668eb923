/**
 * The Kubernetes manifests as a cluster would receive them: `kubectl kustomize` renders the
 * overlay (offline, no cluster needed), every object is validated against the Kubernetes
 * OpenAPI schemas shipped by kubernetes-models, and small helpers read containers and env.
 */
import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { Namespace, Secret, Service, ServiceAccount, ConfigMap } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { repoPath } from './paths.js';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

export function renderKustomization(dir: string): K8sObject[] {
  let output: string;
  try {
    output = execFileSync('kubectl', ['kustomize', repoPath(dir)], { encoding: 'utf8', timeout: 20_000 });
  } catch (error) {
    const message =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'kubectl is not installed' : String(error);
    throw new Error(`kubectl kustomize ${dir} failed: ${message}`);
  }
  return parseAllDocuments(output).map((document) => document.toJS() as K8sObject);
}

type Validating = { validate(): void };
const models: Record<string, new (data: never) => Validating> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Secret': Secret,
  'v1/ConfigMap': ConfigMap,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/** Schema problems of one object ("kind/name: message"), or a kind this check does not know. */
export function schemaProblems(object: K8sObject): string[] {
  const Model = models[`${object.apiVersion}/${object.kind}`];
  const name = `${object.kind}/${object.metadata?.name ?? '?'}`;
  if (!Model) return [`${name}: no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object as never).validate();
    return [];
  } catch (error) {
    return [`${name}: ${(error as Error).message}`];
  }
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
export interface Probe {
  httpGet?: { path: string; port: number | string };
  periodSeconds?: number;
  failureThreshold?: number;
}
export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: unknown[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
}
export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string; secret?: { secretName: string }; emptyDir?: unknown }[];
  terminationGracePeriodSeconds?: number;
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in the rendered manifests`);
  return found;
}

export function podSpec(deployment: K8sObject): PodSpec {
  return (deployment.spec as { template: { spec: PodSpec } }).template.spec;
}

/** The container port a probe or Service targets, by number or by port name. */
export function resolvePort(container: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}
