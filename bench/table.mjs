// The bench prints one table: figure, value, target, peer. It never fails on time.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)]
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

export const ms = (x) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`
export const seconds = (x) => `${(x / 1000).toFixed(2)} s`

/** @param {{figure: string, value: string, target?: string, peer?: string}[]} rows */
export function printTable(rows) {
  const cols = ['figure', 'value', 'target', 'peer']
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)))
  const line = (cells) => `| ${cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' | ')} |`
  console.log(line(cols))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of rows) console.log(line(cols.map((c) => r[c] ?? '—')))
}
