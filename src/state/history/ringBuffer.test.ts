import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { blocksOf, pointAt } from './historyTesting'
import { createRingBuffer, DEFAULT_HISTORY_CAPACITY } from './ringBuffer'

describe('ring buffer of history points', () => {
  test('holds a day of 2-second blocks by default', () => {
    expect(createRingBuffer().capacity).toBe(DEFAULT_HISTORY_CAPACITY)
    expect(DEFAULT_HISTORY_CAPACITY * 2).toBe(86_400)
    expect(() => createRingBuffer(0)).toThrow(RangeError)
  })

  test('keeps points in block order, newest last', () => {
    const buffer = createRingBuffer(10)
    expect(buffer.latest()).toBeUndefined()
    expect(buffer.toArray()).toEqual([])
    for (const b of [1, 2, 3]) expect(buffer.append(pointAt(b))).toBe('appended')
    expect(blocksOf(buffer.toArray())).toEqual([1, 2, 3])
    expect(buffer.latest()?.block).toBe(3n)
    expect(buffer.size).toBe(3)
  })

  test('on overflow the oldest points drop and the newest capacity points remain, in order', () => {
    const buffer = createRingBuffer(4)
    for (let b = 1; b <= 11; b++) buffer.append(pointAt(b))
    expect(buffer.size).toBe(4)
    expect(blocksOf(buffer.toArray())).toEqual([8, 9, 10, 11])
    expect(buffer.find(7n)).toBeUndefined()
    expect(buffer.find(9n)?.block).toBe(9n)
  })

  test('the newest block again replaces its point', () => {
    const buffer = createRingBuffer(4)
    buffer.append(pointAt(1))
    buffer.append(pointAt(2))
    expect(buffer.append(pointAt(2, { healthFactor: 9 }))).toBe('replaced')
    expect(blocksOf(buffer.toArray())).toEqual([1, 2])
    expect(buffer.latest()?.healthFactor).toBe(9)
  })

  test('a reorganisation replaces the block and drops every newer point, also across the wrap', () => {
    const buffer = createRingBuffer(5)
    for (let b = 1; b <= 8; b++) buffer.append(pointAt(b)) // slots wrapped: 4..8
    expect(buffer.append(pointAt(6, { healthFactor: 0.9 }))).toBe('reorged')
    expect(blocksOf(buffer.toArray())).toEqual([4, 5, 6])
    expect(buffer.latest()?.healthFactor).toBe(0.9)
    buffer.append(pointAt(7))
    expect(blocksOf(buffer.toArray())).toEqual([4, 5, 6, 7])
    // A block between two held ones (skipped blocks) also cuts there.
    const sparse = createRingBuffer(5)
    for (const b of [10, 20, 30]) sparse.append(pointAt(b))
    expect(sparse.append(pointAt(15))).toBe('reorged')
    expect(blocksOf(sparse.toArray())).toEqual([10, 15])
    // Older than everything held: every held block is gone.
    expect(sparse.append(pointAt(3))).toBe('reorged')
    expect(blocksOf(sparse.toArray())).toEqual([3])
  })

  test('since(time) returns the points from that block time on', () => {
    const buffer = createRingBuffer(6)
    for (let b = 1; b <= 9; b++) buffer.append(pointAt(b)) // 4..9
    const t = (b: number) => pointAt(b).time
    expect(blocksOf(buffer.since(t(7)))).toEqual([7, 8, 9])
    expect(blocksOf(buffer.since(t(7) - 1))).toEqual([7, 8, 9])
    expect(blocksOf(buffer.since(0))).toEqual([4, 5, 6, 7, 8, 9])
    expect(buffer.since(t(10))).toEqual([])
  })

  test('toArray is one frozen array until the next change', () => {
    const buffer = createRingBuffer(4)
    buffer.append(pointAt(1))
    const first = buffer.toArray()
    expect(buffer.toArray()).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    buffer.append(pointAt(2))
    expect(buffer.toArray()).not.toBe(first)
    expect(blocksOf(first)).toEqual([1])
  })

  test('update replaces one point in place and keeps the newer ones', () => {
    const buffer = createRingBuffer(4)
    for (const b of [1, 2, 3]) buffer.append(pointAt(b))
    const marker = { kind: 'protect', txHash: '0xab' } as const
    expect(buffer.update(2n, (p) => ({ ...p, marker }))?.marker).toEqual(marker)
    expect(blocksOf(buffer.toArray())).toEqual([1, 2, 3])
    expect(buffer.find(2n)?.marker).toEqual(marker)
    expect(buffer.update(9n, (p) => p)).toBeUndefined()
    expect(buffer.atOrAfter(2n)?.block).toBe(2n)
    expect(buffer.atOrAfter(0n)?.block).toBe(1n)
    expect(buffer.atOrAfter(4n)).toBeUndefined()
    expect(() => buffer.update(1n, () => pointAt(5))).toThrow()
  })

  test('matches a plain model: sorted by block, unique, newest capacity points, reorgs cut', () => {
    const model = (blocks: number[], capacity: number) => {
      let held: number[] = []
      for (const b of blocks) {
        held = held.filter((h) => h < b)
        held.push(b)
        held = held.slice(-capacity)
      }
      return held
    }
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 12 }),
        (blocks, capacity) => {
          const buffer = createRingBuffer(capacity)
          for (const b of blocks) buffer.append(pointAt(b))
          expect(blocksOf(buffer.toArray())).toEqual(model(blocks, capacity))
        },
      ),
    )
  })
})
