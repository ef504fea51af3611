/// <reference lib="webworker" />
/**
 * The challenge check worker: runs a design headless to its end with the anomaly detector and
 * evaluates a goal, off the UI thread (src/learn/checkClient.ts talks to it). A check still
 * running when a newer one is asked for is cancelled by terminating this worker.
 */
import { handleCheckRequest, type CheckRequest } from '../learn/checkRequest';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<CheckRequest>) => scope.postMessage(handleCheckRequest(e.data));
