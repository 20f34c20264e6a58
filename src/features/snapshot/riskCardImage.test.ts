import { describe, expect, test } from 'vitest'
import { drawRiskCard } from './riskCardImage'
import { layoutRiskCard } from './riskCardLayout'
import { fromReport } from './snapshotModel'
import { PROFILE, sixReserveReport } from './snapshotTesting'

// The node test environment has no canvas: a context that records what it is asked to draw stands
// in for one (the PNG itself is produced in Chromium by the e2e test).
function recordingContext() {
  const calls: { name: string; args: unknown[]; state: Record<string, unknown> }[] = []
  const state: Record<string, unknown> = {}
  const ctx = new Proxy(state, {
    get: (target, name: string) =>
      name in target ? target[name] : (...args: unknown[]) => calls.push({ name, args, state: { ...target } }),
    set: (target, name: string, value) => {
      target[name] = value
      return true
    },
  })
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls }
}

const layout = layoutRiskCard(fromReport(sixReserveReport(), PROFILE, { privacy: 'ratios', marketName: 'Aave V3' }))

describe('drawRiskCard', () => {
  test('draws every text with fillText, in its font, colour, alignment and width', () => {
    const { ctx, calls } = recordingContext()
    drawRiskCard(ctx, layout, 2)
    const drawn = calls.filter((c) => c.name === 'fillText')
    const expected = layout.ops.filter((op) => op.kind === 'text')
    expect(drawn).toHaveLength(expected.length)
    drawn.forEach((call, i) => {
      const op = expected[i] as (typeof expected)[number]
      expect(call.args.slice(0, 3)).toEqual([op.text, op.x, op.y])
      if (op.maxWidth !== undefined) expect(call.args[3]).toBe(op.maxWidth)
      expect(call.state).toMatchObject({ font: op.font, fillStyle: op.color, textAlign: op.align ?? 'left' })
    })
  })

  test('scales once to device pixels and strokes one path per line, dashed where asked', () => {
    const { ctx, calls } = recordingContext()
    drawRiskCard(ctx, layout, 2)
    expect(calls.filter((c) => c.name === 'scale').map((c) => c.args)).toEqual([[2, 2]])
    const lineOps = layout.ops.filter((op) => op.kind === 'line')
    expect(calls.filter((c) => c.name === 'stroke')).toHaveLength(lineOps.length)
    const dashes = calls.filter((c) => c.name === 'setLineDash').map((c) => c.args[0])
    expect(dashes).toEqual(lineOps.map((op) => (op.dash ? [...op.dash] : [])))
    const segments = calls.filter((c) => c.name === 'lineTo').length
    expect(segments).toBe(lineOps.reduce((n, op) => n + op.points.length - 1, 0))
    expect(calls.filter((c) => c.name === 'fillRect')).toHaveLength(layout.ops.filter((o) => o.kind === 'rect').length)
    expect(calls.at(-1)?.name).toBe('restore')
  })
})
