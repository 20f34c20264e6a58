import { useEffect, useRef, useState } from 'react'

/**
 * `value`, passed on at most once per `intervalMs`: the first value at once, later ones on the
 * leading edge when the last pass is older than the interval, else on the trailing edge, so the
 * newest value always arrives. For views that need not redraw on every block (charts).
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value)
  const lastPass = useRef(0)
  useEffect(() => {
    const wait = lastPass.current + intervalMs - Date.now()
    if (wait <= 0) {
      lastPass.current = Date.now()
      setShown(() => value)
      return
    }
    const timer = setTimeout(() => {
      lastPass.current = Date.now()
      setShown(() => value)
    }, wait)
    return () => clearTimeout(timer)
  }, [value, intervalMs])
  return shown
}
