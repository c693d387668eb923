/**
 * deploy/prometheus as Prometheus reads it, without Prometheus: the scrape jobs reduced to the
 * `host:port` + path pairs they reach (static targets and DNS service discovery, the two kinds
 * a compose stack can use), the rule files, and the metric names a PromQL expression selects.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { repoPath } from './paths.js';

export interface PrometheusConfig {
  rule_files?: string[];
  scrape_configs?: ScrapeConfig[];
}
export interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  scheme?: string;
  static_configs?: { targets: string[] }[];
  dns_sd_configs?: { names: string[]; type?: string; port?: number }[];
}
export interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  annotations?: Record<string, string>;
}
export interface RuleFile {
  groups: { name: string; rules: AlertRule[] }[];
}

export const readYaml = <T>(path: string): T => parse(readFileSync(repoPath(path), 'utf8')) as T;

export interface ScrapeTarget {
  job: string;
  host: string;
  port: number;
  path: string;
}

/** Every host:port a job scrapes and the path it asks for (Prometheus' default is /metrics). */
export function scrapeTargets(config: PrometheusConfig): ScrapeTarget[] {
  return (config.scrape_configs ?? []).flatMap((job) => {
    const path = job.metrics_path ?? '/metrics';
    const statics = (job.static_configs ?? []).flatMap(({ targets }) =>
      targets.map((target) => {
        const [host, port] = target.split(':');
        return { job: job.job_name, host: host ?? '', port: Number(port), path };
      }),
    );
    // A and AAAA records carry no port, so Prometheus needs it in the config (SRV has its own).
    const discovered = (job.dns_sd_configs ?? []).flatMap(({ names, type, port }) =>
      names.map((host) => ({
        job: job.job_name,
        host,
        port: type === 'SRV' || type === undefined ? NaN : Number(port),
        path,
      })),
    );
    return [...statics, ...discovered];
  });
}

const promqlWords = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
  'atan2',
]);

/**
 * The metric names a PromQL expression selects. Label matchers, strings, ranges and grouping
 * clauses are removed first; what is left followed by `(` is a function or aggregation.
 */
export function metricNamesIn(expr: string): Set<string> {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(?!\s*\()/g)) {
    const word = match[1] as string;
    if (!promqlWords.has(word.toLowerCase())) names.add(word);
  }
  return names;
}

/** A histogram's series (`x_bucket`, `x_sum`, `x_count`) name the histogram `x`. */
export const metricFamily = (series: string): string => series.replace(/_(bucket|sum|count)$/, '');
