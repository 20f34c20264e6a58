import { create } from 'zustand'
import type { NodeHealth } from '../chain/blockStream'

type NodeHealthState = {
  /** The node's health as the block stream last saw it; client state, not chain data. */
  health: NodeHealth
  /** When (epoch ms, wall clock) the newest block number was first seen; undefined before the first. */
  lastHeadAt: number | undefined
  lastHeadNumber: bigint | undefined
  actions: {
    setHealth: (health: NodeHealth) => void
    /** A head arrived: only a new number restarts the stall clock (a re-sent head is not progress). */
    headArrived: (number: bigint, at?: number) => void
    /** Another chain or node: forget the previous one's heads. */
    resetHeads: () => void
  }
}

export const useNodeHealthStore = create<NodeHealthState>()((set) => ({
  health: { status: 'connecting' },
  lastHeadAt: undefined,
  lastHeadNumber: undefined,
  actions: {
    setHealth: (health) => set({ health }),
    headArrived: (number, at = Date.now()) =>
      set((state) => (state.lastHeadNumber === number ? state : { lastHeadNumber: number, lastHeadAt: at })),
    resetHeads: () => set({ lastHeadAt: undefined, lastHeadNumber: undefined }),
  },
}))

/** Atomic selectors (zustand 5 loops on selectors that build new objects). */
export const useNodeHealth = () => useNodeHealthStore((state) => state.health)
export const useNodeHealthActions = () => useNodeHealthStore((state) => state.actions)
export const useLastHeadAt = () => useNodeHealthStore((state) => state.lastHeadAt)
