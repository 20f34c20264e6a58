import { layoutRiskCard, type RiskCardLayout } from './riskCardLayout'
import type { RiskSnapshot } from './snapshotModel'

/**
 * The risk card as a PNG (issue 8, part 5): riskCardLayout.ts decides what goes where; this runs
 * those operations on a Canvas 2D context (no HTML is rendered: text is drawn with fillText).
 */

export type RiskCardOptions = { scale?: number; dark?: boolean }

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D

/** Runs the layout's operations on a 2D context, `scale` device pixels per layout pixel. */
export function drawRiskCard(ctx: Context2D, layout: RiskCardLayout, scale = 1): void {
  ctx.save()
  ctx.scale(scale, scale)
  ctx.textBaseline = 'alphabetic'
  for (const op of layout.ops) {
    if (op.kind === 'rect') {
      ctx.fillStyle = op.fill
      ctx.fillRect(op.x, op.y, op.w, op.h)
      if (op.stroke) {
        ctx.strokeStyle = op.stroke
        ctx.lineWidth = 1
        ctx.strokeRect(op.x + 0.5, op.y + 0.5, op.w - 1, op.h - 1)
      }
    } else if (op.kind === 'text') {
      ctx.font = op.font
      ctx.fillStyle = op.color
      ctx.textAlign = op.align ?? 'left'
      // fillText draws the string as glyphs: markup in a label stays visible text, never parsed.
      if (op.maxWidth === undefined) ctx.fillText(op.text, op.x, op.y)
      else ctx.fillText(op.text, op.x, op.y, op.maxWidth)
    } else {
      const [first, ...rest] = op.points
      if (!first) continue
      ctx.strokeStyle = op.color
      ctx.lineWidth = op.width
      ctx.setLineDash(op.dash ? [...op.dash] : [])
      ctx.beginPath()
      ctx.moveTo(first[0], first[1])
      for (const [x, y] of rest) ctx.lineTo(x, y)
      ctx.stroke()
    }
  }
  ctx.restore()
}

/** The card on a new canvas: OffscreenCanvas where the browser has one, else a <canvas> element. */
export function renderRiskCard(
  snapshot: RiskSnapshot,
  options: RiskCardOptions = {},
): HTMLCanvasElement | OffscreenCanvas {
  const layout = layoutRiskCard(snapshot, { dark: options.dark ?? false })
  const scale = options.scale ?? 2
  const width = Math.ceil(layout.width * scale)
  const height = Math.ceil(layout.height * scale)
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height)
    const ctx = canvas.getContext('2d')
    if (ctx) {
      drawRiskCard(ctx, layout, scale)
      return canvas
    }
  }
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('This browser cannot draw the image (no 2D canvas).')
  drawRiskCard(ctx, layout, scale)
  return canvas
}

/** The card as a PNG blob. */
export async function riskCardPng(snapshot: RiskSnapshot, options: RiskCardOptions = {}): Promise<Blob> {
  const canvas = renderRiskCard(snapshot, options)
  if (!('toBlob' in canvas)) return canvas.convertToBlob({ type: 'image/png' })
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the image.'))),
      'image/png',
    ),
  )
}
