/**
 * A strict reader of the Prometheus text exposition format (0.0.4): every line must be a
 * `# HELP`, a `# TYPE` or a sample of a declared family, else it throws. Returns the samples
 * by series (`name{a="1",b="2"}` with labels sorted) so tests can compare before and after.
 */
export function parsePrometheusText(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const families = new Map<string, string>();
  const sample =
    /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\})? ([-+]?(?:[0-9.]+(?:e[-+]?[0-9]+)?|NaN|Inf))(?: -?[0-9]+)?$/i;
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(meta[3] ?? '')) {
          throw new Error(`line ${index + 1}: unknown metric type "${meta[3]}"`);
        }
        families.set(meta[2] as string, meta[3] as string);
      }
      continue;
    }
    const match = sample.exec(line);
    if (!match) throw new Error(`line ${index + 1} is not Prometheus text: ${line}`);
    const name = match[1] as string;
    const family = [name, name.replace(/_(bucket|sum|count|total|created)$/, '')].find((f) =>
      families.has(f),
    );
    if (!family) throw new Error(`line ${index + 1}: sample of undeclared family ${name}`);
    const labels = [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)]
      .map((l) => `${l[1]}="${l[2]}"`)
      .sort();
    samples.set(labels.length ? `${name}{${labels.join(',')}}` : name, Number(match[3]));
  }
  return samples;
}

/** The value of one series, 0 when absent (a counter not yet incremented). */
export function valueOf(
  samples: Map<string, number>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const keys = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  return samples.get(keys.length ? `${name}{${keys.join(',')}}` : name) ?? 0;
}

/** Sum over every series of `name` whose labels include `labels`. */
export function sumOf(
  samples: Map<string, number>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const [series, value] of samples) {
    const [seriesName, rest = ''] = series.split('{');
    if (seriesName === name && wanted.every((w) => rest.includes(w))) total += value;
  }
  return total;
}
