/** A Dockerfile as a list of instructions (continuations joined, comments dropped), by stage. */
import { readFileSync } from 'node:fs';
import { repoPath } from './paths.js';

export interface Instruction {
  keyword: string;
  args: string;
}
export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

export function readDockerfile(path: string): { args: Instruction[]; stages: Stage[] } {
  const lines = readFileSync(repoPath(path), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const args: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [from = '', , name] = instruction.args.split(' ');
      stages.push({ from, ...(name ? { name } : {}), instructions: [] });
    } else if (stages.length === 0) args.push(instruction);
    else stages.at(-1)?.instructions.push(instruction);
  }
  return { args, stages };
}

/** `CMD ["node", "dist/main.js"]` → ['node', 'dist/main.js']. */
export function execForm(args: string): string[] {
  return JSON.parse(args) as string[];
}

/** The source file a compiled `dist/…js` path comes from (tsconfig.build: rootDir src, outDir dist). */
export function sourceOf(distPath: string): string | undefined {
  const match = /^dist\/(.+)\.js$/.exec(distPath);
  return match ? `src/${match[1]}.ts` : undefined;
}
