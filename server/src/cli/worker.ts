/**
 * Worker thread of the CLI's pool (bundled as server/out/worker.js): analyses one report per
 * message and answers with the AnalysisResult, or with the error text if the core threw.
 */
import { parentPort } from 'node:worker_threads';
import { analyze } from '../core';
import type { AnalysisResult, AnalyzeOptions } from '../core/types';

export interface WorkerTask {
  id: number;
  path: string;
  text: string;
  options: AnalyzeOptions;
}

export type WorkerReply = { id: number; result: AnalysisResult } | { id: number; error: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', (task: WorkerTask) => {
    let reply: WorkerReply;
    try {
      reply = { id: task.id, result: analyze(task.text, task.options) };
    } catch (err) {
      reply = { id: task.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    port.postMessage(reply);
  });
}
