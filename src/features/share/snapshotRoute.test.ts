import { describe, expect, it } from 'vitest'
import { isSnapshotFragment, watchUrlFor } from './snapshotRoute'

describe('snapshot route', () => {
  it('recognises a snapshot fragment, first or after other keys, and nothing else', () => {
    expect(isSnapshotFragment('#snapshot=abc')).toBe(true)
    expect(isSnapshotFragment('#sig=0x1&snapshot=abc')).toBe(true)
    expect(isSnapshotFragment('')).toBe(false)
    expect(isSnapshotFragment('#account=0x1')).toBe(false)
    expect(isSnapshotFragment('#notsnapshot=1')).toBe(false)
  })

  it('turns a snapshot link into the live watch link of its account, dropping the fragment', () => {
    const url = watchUrlFor(
      'http://127.0.0.1:4173/?x=1#snapshot=abc&sig=0x12',
      '0xAbC0000000000000000000000000000000000001',
      1,
    )
    expect(url).toBe('http://127.0.0.1:4173/?account=0xAbC0000000000000000000000000000000000001&chain=1')
  })
})
