import type { Hash } from 'viem'

/** What the app needs of a block: which one (number, hash) and when (timestamp, seconds). */
export type BlockHeader = { number: bigint; hash: Hash; timestamp: bigint }

export type NodeHealth =
  | { status: 'connecting' }
  | { status: 'connected'; transport: 'websocket' | 'polling' }
  | { status: 'unreachable'; since: number; error: string }

export type HeadHandlers = { onHeader: (header: BlockHeader) => void; onError: (error: Error) => void }

/** Where heads come from: an HTTP read of the latest block, and optionally a push subscription. */
export type HeadSource = {
  fetchHead: () => Promise<BlockHeader>
  /** Resolves once subscribed (eth_subscribe newHeads); the returned function ends the subscription. */
  subscribeHeads?: ((handlers: HeadHandlers) => Promise<() => void>) | undefined
}

export type BlockStreamOptions = HeadSource & {
  onHeader: (header: BlockHeader) => void
  onHealth: (health: NodeHealth) => void
  /** Polling period when there is no subscription. */
  pollIntervalMs: number
  /** With a live subscription, how often HTTP confirms the node is there (a socket can die silently). */
  livenessIntervalMs: number
  /** While the node is unreachable, how often to try again. */
  retryIntervalMs: number
  /** After a subscription fails, how long to poll before subscribing again. */
  resubscribeDelayMs: number
  now?: () => number
}

/**
 * Streams the chain's head: pushed over WebSocket where the node offers it, polled over HTTP
 * otherwise, and retried for ever while the node is away. Reports the node's health as it goes.
 *
 * Heads only move forward, except after the node is lost: a devnet restarted on the same port
 * starts again from its saved state, at a lower block, and that new chain is accepted as is.
 * Returns a function that stops the stream.
 */
export function startBlockStream(options: BlockStreamOptions): () => void {
  const now = options.now ?? Date.now
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let polling = false
  let pollAgain = false

  let last: BlockHeader | undefined
  // Set whenever the node may have changed under us (start, lost socket, failed read): the next head is taken as is.
  let resync = true
  let behindCount = 0

  let subscription: { unsubscribe?: () => void } | undefined
  let subscribeAfter = 0
  let health: NodeHealth = { status: 'connecting' }

  function setHealth(next: NodeHealth) {
    if (JSON.stringify(next) === JSON.stringify(health)) return
    health = next
    options.onHealth(next)
  }

  function accept(header: BlockHeader, fromPoll: boolean) {
    if (last && header.hash === last.hash) {
      behindCount = 0
      return
    }
    if (last && !resync && header.number < last.number) {
      // A poll answered just before a pushed head is older than it. Only a head that stays behind
      // over two polls is a chain that restarted without us noticing the outage.
      if (!fromPoll || ++behindCount < 2) return
    }
    behindCount = 0
    resync = false
    last = header
    options.onHeader(header)
  }

  function dropSubscription() {
    const current = subscription
    subscription = undefined
    current?.unsubscribe?.()
  }

  function subscribe(subscribeHeads: NonNullable<HeadSource['subscribeHeads']>) {
    const current: { unsubscribe?: () => void } = {}
    subscription = current
    const lost = () => {
      if (subscription !== current) return
      dropSubscription()
      subscribeAfter = now() + options.resubscribeDelayMs
      resync = true
      // Find out over HTTP whether the node is gone or only the socket.
      schedule(0)
    }
    subscribeHeads({
      onHeader: (header) => {
        if (subscription === current) accept(header, false)
      },
      onError: lost,
    }).then((unsubscribe) => {
      if (subscription !== current || stopped) return unsubscribe()
      current.unsubscribe = unsubscribe
      if (health.status === 'connected') setHealth({ status: 'connected', transport: 'websocket' })
      schedule()
    }, lost)
  }

  async function poll() {
    if (polling) {
      pollAgain = true
      return
    }
    polling = true
    try {
      const header = await options.fetchHead()
      if (stopped) return
      accept(header, true)
      setHealth({ status: 'connected', transport: subscription?.unsubscribe ? 'websocket' : 'polling' })
      if (!subscription && options.subscribeHeads && now() >= subscribeAfter) subscribe(options.subscribeHeads)
    } catch (error) {
      if (stopped) return
      dropSubscription()
      resync = true
      // viem errors carry a one-line shortMessage; their full message spans many lines.
      const message = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message ?? String(error)
      setHealth({
        status: 'unreachable',
        since: health.status === 'unreachable' ? health.since : now(),
        error: message,
      })
    } finally {
      polling = false
    }
    schedule(pollAgain ? 0 : undefined)
    pollAgain = false
  }

  function schedule(delayMs?: number) {
    if (stopped) return
    if (timer !== undefined) clearTimeout(timer)
    const delay =
      delayMs ??
      (health.status === 'unreachable'
        ? options.retryIntervalMs
        : subscription?.unsubscribe
          ? options.livenessIntervalMs
          : options.pollIntervalMs)
    timer = setTimeout(() => {
      timer = undefined
      void poll()
    }, delay)
  }

  options.onHealth(health)
  void poll()

  return () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
    dropSubscription()
  }
}
