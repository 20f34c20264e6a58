// The Web Worker entry: exposes the risk engine over comlink (riskProtocol.ts). The client
// (riskClient.ts) creates it lazily with `new Worker(new URL('./risk.worker.ts', import.meta.url))`.
import { expose } from 'comlink'
import { riskWorkerApi } from './riskProtocol'

expose(riskWorkerApi)
