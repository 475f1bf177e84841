/**
 * The summary engine's own process: loads one GGUF model through node-llama-cpp and answers each
 * prompt under the JSON-schema grammar, one chunk at a time, reporting each chunk as it is done.
 * It is killed when cancelled or when the app is done with it, so a crash in llama.cpp ends this
 * process only. It prints nothing: the prompts hold (redacted) transcript text.
 */
import { getLlama, LlamaCompletion, LlamaLogLevel, type GbnfJsonSchema, type LlamaGrammar } from 'node-llama-cpp';
import type { DraftJob, FromWorker, ToWorker } from './worker-protocol';

const abort = new AbortController();

/** Started as an Electron utility process (the packaged app) the channel is `process.parentPort`; forked by Node, it is `process.send`. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}
const parentPort = (process as { parentPort?: ParentPort }).parentPort;

function send(message: FromWorker): void {
  if (parentPort) {
    parentPort.postMessage(message);
  } else {
    process.send?.(message);
  }
}

async function run(job: DraftJob): Promise<void> {
  let completion: LlamaCompletion;
  let count: (text: string) => number;
  let grammarFor: (schema: unknown) => Promise<LlamaGrammar>;
  try {
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.disabled });
    const model = await llama.loadModel({ modelPath: job.modelPath });
    const context = await model.createContext({ contextSize: job.contextSize, threads: job.threads });
    completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    // The schemas are chunkSchema's (core/summary/model-prompt.ts), sent over IPC as JSON.
    grammarFor = async (schema) => llama.createGrammarForJsonSchema(schema as Readonly<Record<string, never>> & GbnfJsonSchema);
    count = (text) => model.tokenize(text).length;
  } catch {
    send({ type: 'error', reason: 'load-failed' });
    return;
  }
  send({ type: 'loaded' });
  for (const [index, { prompt, schema }] of job.prompts.entries()) {
    const started = performance.now();
    try {
      const grammar = await grammarFor(schema);
      const text = await completion.generateCompletion(prompt, { grammar, maxTokens: job.maxTokens, signal: abort.signal });
      send({ type: 'chunk', index, text, tokens: count(text), promptTokens: count(prompt), ms: performance.now() - started });
    } catch {
      send({ type: 'error', reason: abort.signal.aborted ? 'cancelled' : 'generation-failed' });
      return;
    }
  }
  send({ type: 'done' });
}

function receive(message: ToWorker): void {
  switch (message.type) {
    case 'cancel':
      abort.abort();
      break;
    case 'draft':
      // Done: a forked worker lets go of its channel and ends; a utility process is ended by the
      // app once it has the last message (exiting here could lose that message).
      void run(message).finally(() => {
        if (!parentPort) {
          process.disconnect();
        }
      });
      break;
  }
}

if (parentPort) {
  parentPort.on('message', (event) => { receive(event.data as ToWorker); });
} else {
  process.on('message', receive);
}
