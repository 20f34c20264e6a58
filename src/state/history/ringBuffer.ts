import type { HistoryPoint } from './historyPoint'

/** One day of 2-second blocks (the devnet's and several L2s' block time). */
export const DEFAULT_HISTORY_CAPACITY = 43_200

/** What an append did: a new newest block, the newest block again, or a reorganisation. */
export type AppendOutcome = 'appended' | 'replaced' | 'reorged'

export type RingBuffer = {
  readonly capacity: number
  readonly size: number
  /**
   * Adds the point of a block. A newer block is appended in O(1) (the oldest point drops when
   * full); the newest block again replaces it; an older block is a reorganisation: it replaces
   * that block and drops every newer point, whose blocks are no longer on the chain.
   */
  append(point: HistoryPoint): AppendOutcome
  /** Replaces the point of a block present in the buffer, keeping every other point. */
  update(block: bigint, change: (point: HistoryPoint) => HistoryPoint): HistoryPoint | undefined
  find(block: bigint): HistoryPoint | undefined
  /** The oldest point at `block` or after it (blocks coalesce: a block may have no point of its own). */
  atOrAfter(block: bigint): HistoryPoint | undefined
  latest(): HistoryPoint | undefined
  /** Oldest first. The same array until the next change (no copy per call), frozen. */
  toArray(): readonly HistoryPoint[]
  /** The points with `time >= time`, oldest first. */
  since(time: number): HistoryPoint[]
  clear(): void
}

export function createRingBuffer(capacity = DEFAULT_HISTORY_CAPACITY): RingBuffer {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer`)
  const slots: (HistoryPoint | undefined)[] = new Array(capacity)
  let start = 0
  let length = 0
  let snapshot: readonly HistoryPoint[] | undefined

  const slot = (i: number) => (start + i) % capacity
  const at = (i: number) => slots[slot(i)] as HistoryPoint
  // First logical index whose key is ≥ the target (keys ascend: blocks strictly, times weakly).
  const lowerBound = (key: (p: HistoryPoint) => bigint | number, target: bigint | number) => {
    let lo = 0
    let hi = length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (key(at(mid)) < target) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const indexOf = (block: bigint) => {
    const i = lowerBound((p) => p.block, block)
    return i < length && at(i).block === block ? i : -1
  }
  const push = (point: HistoryPoint) => {
    if (length < capacity) {
      slots[slot(length)] = point
      length++
    } else {
      slots[start] = point
      start = (start + 1) % capacity
    }
  }

  return {
    capacity,
    get size() {
      return length
    },
    append(point) {
      snapshot = undefined
      const newest = length > 0 ? at(length - 1) : undefined
      if (!newest || point.block > newest.block) {
        push(point)
        return 'appended'
      }
      if (point.block === newest.block) {
        slots[slot(length - 1)] = point
        return 'replaced'
      }
      const keep = lowerBound((p) => p.block, point.block)
      for (let i = keep; i < length; i++) slots[slot(i)] = undefined // release the orphaned points
      length = keep
      push(point)
      return 'reorged'
    },
    update(block, change) {
      const i = indexOf(block)
      if (i < 0) return undefined
      const next = change(at(i))
      if (next.block !== block) throw new Error('update must keep the block of the point')
      slots[slot(i)] = next
      snapshot = undefined
      return next
    },
    find(block) {
      const i = indexOf(block)
      return i < 0 ? undefined : at(i)
    },
    atOrAfter(block) {
      const i = lowerBound((p) => p.block, block)
      return i < length ? at(i) : undefined
    },
    latest: () => (length > 0 ? at(length - 1) : undefined),
    toArray() {
      if (!snapshot) {
        const out = new Array<HistoryPoint>(length)
        for (let i = 0; i < length; i++) out[i] = at(i)
        snapshot = Object.freeze(out)
      }
      return snapshot
    },
    since(time) {
      const out: HistoryPoint[] = []
      for (let i = lowerBound((p) => p.time, time); i < length; i++) out.push(at(i))
      return out
    },
    clear() {
      slots.fill(undefined)
      start = 0
      length = 0
      snapshot = undefined
    },
  }
}
