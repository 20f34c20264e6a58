import { useEffect, useRef, useState } from 'react'

/**
 * `value`, committed at most once per animation frame: a slider fires input events faster than a
 * frame while dragged, and each commit builds a snapshot and posts it to the worker.
 */
export function useFrameThrottled<T>(value: T): T {
  const [committed, setCommitted] = useState(value)
  const latest = useRef(value)
  const frame = useRef<number | null>(null)
  useEffect(() => {
    latest.current = value
    if (frame.current !== null) return
    frame.current = requestAnimationFrame(() => {
      frame.current = null
      setCommitted(latest.current)
    })
  }, [value])
  useEffect(
    () => () => {
      // Reset too: React's StrictMode runs this cleanup and then the effects again on the same refs.
      if (frame.current !== null) cancelAnimationFrame(frame.current)
      frame.current = null
    },
    [],
  )
  return committed
}
