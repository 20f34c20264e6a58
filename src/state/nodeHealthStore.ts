import { create } from 'zustand'
import type { NodeHealth } from '../chain/blockStream'

type NodeHealthState = {
  /** The node's health as the block stream last saw it; client state, not chain data. */
  health: NodeHealth
  actions: { setHealth: (health: NodeHealth) => void }
}

export const useNodeHealthStore = create<NodeHealthState>()((set) => ({
  health: { status: 'connecting' },
  actions: { setHealth: (health) => set({ health }) },
}))

/** Atomic selectors (zustand 5 loops on selectors that build new objects). */
export const useNodeHealth = () => useNodeHealthStore((state) => state.health)
export const useNodeHealthActions = () => useNodeHealthStore((state) => state.actions)
