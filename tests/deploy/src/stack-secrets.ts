/** The Secrets `scripts/stack.sh k8s-secrets` creates: name → key → where the value comes from. */
import { readFileSync } from 'node:fs';
import { repoPath } from './paths.js';

export function secretsCreatedByStackScript(): Map<string, Map<string, string>> {
  const script = readFileSync(repoPath('scripts/stack.sh'), 'utf8').replace(/\\\n\s*/g, ' ');
  const secrets = new Map<string, Map<string, string>>();
  for (const line of script.matchAll(/apply secret generic ([\w-]+)([^\n]*)/g)) {
    const keys = new Map<string, string>();
    for (const source of (line[2] as string).matchAll(/--from-(?:file|literal)=([\w.-]+)=("[^"]*"|\S+)/g)) {
      keys.set(source[1] as string, (source[2] as string).replace(/^"|"$/g, ''));
    }
    secrets.set(line[1] as string, keys);
  }
  return secrets;
}
