/**
 * An error the user caused or can fix (bad input, unreachable node, not an Aave market): the
 * command line prints its message on one line and exits non-zero, never a stack trace.
 * Exit codes: 2 for usage errors (bad arguments), 1 for everything else.
 */
export class CliError extends Error {
  override name = 'CliError'
  readonly exitCode: number
  constructor(message: string, exitCode = 1) {
    super(message)
    this.exitCode = exitCode
  }
}

/** One line a person can read for any error: viem's short message, else the first line of the message. */
export function oneLine(error: unknown): string {
  if (error instanceof CliError) return error.message
  const short = (error as { shortMessage?: unknown } | null)?.shortMessage
  const message = typeof short === 'string' ? short : error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]?.trim() || 'unknown error'
}
