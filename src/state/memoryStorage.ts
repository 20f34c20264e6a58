/**
 * localStorage's interface over a Map, for tests of persisted stores: the stores of one test share
 * it as a page's reloads share the real one, and `items` shows exactly what was written.
 */
export function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial))
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
  return { items, storage }
}
