import path from 'node:path';
import { transcribeCall } from '../../core/transcription/transcribe-call';
import { labelledLines, storedFromSpeakerSegments, type StoredSegment } from '../../core/transcription/transcript';
import { TRANSCRIPTION_SAMPLE_RATE } from '../../core/ports/transcription';
import { Resampler } from '../../platform/audio/resample';
import { BoundedReadError, readBoundedFile } from '../../platform/files/bounded-read';
import { decodeWavData, parseWavHeader } from '../../platform/audio/wav';
import { locateRunner } from '../../platform/transcription/runner-location';
import { resolveAppHome } from '../../platform/vault/app-home';
import type { TranscriptionJobView, TranscriptView } from '../../shared/contract';
import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { openCliSession, type CliSession } from '../cli-session';

const HELP = `Usage: callvault transcribe RECORDING_ID [options]
       callvault transcribe --file AUDIO.wav [options]

Transcribes on this computer with whisper.cpp; nothing leaves it. With RECORDING_ID the
recording in your vault is transcribed through the same queue the app uses (an interrupted
job resumes where it stopped) and the transcript is stored in the vault as version 1. With
--file a WAV file is transcribed and printed, and nothing is stored (stereo: left = Rep,
right = Customer).

Options:
  --model NAME|PATH   a model from "callvault models list", or a model file (default: settings,
                      else the first installed model)
  --language CODE     "en", "de", ..., or "auto" (default: settings, else en)
  --threads N         engine threads (default: cores - 1)
  --json              print segments as JSON lines {speaker,startMs,endMs,text,confidence,words}
  --home DIR, --profile ID, --passphrase-file FILE, --recovery-key-file FILE
Progress goes to standard error.
`;

// RECORDING_ID goes through the app's handler table (transcripts.get, transcription.enqueue,
// transcription.settings) and hears the job's transcription.progress events, as the app's window
// does. --file transcribes a file outside any vault, which no contract method covers: it calls the
// same model store and engine directly. A model problem keeps its own exit code (4 damaged,
// 5 not installed), as in "callvault models": the error's detail says which.
export const transcribeCommand: CliCommand = (argv, io) => transcribe(argv, io);

async function transcribe(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    file: { type: 'string' },
    model: { type: 'string' },
    language: { type: 'string' },
    threads: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help === true) {
    io.stdout.write(HELP);
    return ExitCode.ok;
  }
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 256)) {
    throw new CliFailure(ExitCode.usage, '--threads takes a whole number from 1 to 256.');
  }
  if (values.language !== undefined && !/^(auto|[a-z]{2,3})$/.test(values.language)) {
    throw new CliFailure(ExitCode.usage, '--language takes a code such as "en", or "auto".');
  }
  if ((values.file === undefined) === (positionals.length !== 1)) {
    io.stderr.write(HELP);
    return ExitCode.usage;
  }
  const json = values.json === true;
  if (values.file !== undefined) {
    // The model store and the engine load only for --file (start-up: see main.ts).
    const [{ ModelStore }, { defaultBundledDir, defaultManifestPath }, { StoreEngineProvider }] = await Promise.all([
      import('../../platform/models/model-store'),
      import('../../platform/models/model-manifest'),
      import('../../app/transcription/model-engines'),
    ]);
    const manifest = io.env.CALLVAULT_MODEL_MANIFEST;
    const store = await ModelStore.open({
      appHome: values.home ?? resolveAppHome(io.env),
      manifestPath: manifest !== undefined && manifest.trim() !== '' ? path.resolve(manifest) : defaultManifestPath(),
      bundledDir: defaultBundledDir(),
    });
    const engines = new StoreEngineProvider(store, locateRunner(io.env), 'cli');
    const model = values.model ?? (await engines.defaultModel());
    if (model === undefined) {
      throw new CliFailure(ExitCode.notFound, 'No transcription model is installed. Run "callvault models download base.en" or "callvault models import FILE".');
    }
    const { engine } = await engines.engineFor(model);
    const audio = readWavChannels(values.file);
    const progress = progressPrinter(io);
    const segments = await transcribeCall(engine, audio.channels, {
      ...(threads !== undefined && { threads }),
      language: values.language ?? 'en',
      durationMs: audio.durationMs,
      onProgress: (p) => { progress(p.percent ?? 0); },
    });
    progress(100, true);
    printSegments(io, storedFromSpeakerSegments(segments).filter((s) => audio.stereo || s.speaker === 'rep'), json);
    return ExitCode.ok;
  }

  const [recordingId = ''] = positionals;
  const session = await openCliSession(values, io);
  try {
    const existing = await session.tryCall('transcripts.get', { recordingId });
    if (existing.ok) {
      writeLine(io.stderr, 'This recording already has a transcript; printing the latest version.');
    } else if (existing.error.code !== 'NOT_FOUND') {
      await session.call('transcripts.get', { recordingId }); // fails again, with its exit code
    } else {
      const job = await runJob(session, recordingId, { model: values.model, language: values.language, threads }, io);
      if (job.state !== 'done') {
        throw new CliFailure(ExitCode.failure, `Transcription ${job.state}: ${job.error ?? 'no reason given'}`);
      }
    }
    const latest = await session.call('transcripts.get', { recordingId });
    printSegments(io, latest.segments, json);
    // --threads applies to this run only; the stored settings stay as they are.
    const settings = await session.call('transcription.settings', {});
    const used = threads === undefined ? settings.effectiveThreads : Math.min(threads, settings.cores);
    writeLine(io.stderr, `Stored as transcript version ${latest.version} (${used} threads).`);
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

/**
 * Queues the recording through transcription.enqueue and waits for its job to end, printing the
 * progress the transcription.progress events carry. Jobs queued before it (one interrupted
 * earlier, say) run first, in order, as in the app.
 */
async function runJob(
  session: CliSession,
  recordingId: string,
  options: { model: string | undefined; language: string | undefined; threads: number | undefined },
  io: CliIo,
): Promise<{ state: TranscriptionJobView['state']; error: string | null }> {
  const progress = progressPrinter(io);
  let stop: () => void = () => undefined;
  const ended = new Promise<{ state: TranscriptionJobView['state']; error: string | null }>((resolve) => {
    stop = session.on('transcription.progress', (p) => {
      if (p.recordingId !== recordingId) {
        return;
      }
      if (p.state === 'running') {
        progress(p.fraction * 100);
      } else if (p.state !== 'queued') {
        resolve({ state: p.state, error: p.error });
      }
    });
  });
  try {
    await session.call('transcription.enqueue', {
      recordingId,
      ...(options.model !== undefined && { model: options.model }),
      ...(options.language !== undefined && { language: options.language }),
      ...(options.threads !== undefined && { threads: options.threads }),
    });
    const end = await ended;
    if (end.state === 'done') {
      progress(100, true);
    }
    return end;
  } finally {
    stop();
  }
}

function printSegments(io: CliIo, segments: readonly (StoredSegment | TranscriptView['segments'][number])[], json: boolean): void {
  if (json) {
    for (const s of segments) {
      writeLine(io.stdout, JSON.stringify(s));
    }
    return;
  }
  for (const line of labelledLines(segments, segments.map((s) => s.text))) {
    writeLine(io.stdout, line);
  }
  if (segments.length === 0) {
    writeLine(io.stderr, 'No speech was found.');
  }
}

function progressPrinter(io: CliIo): (percent: number, done?: boolean) => void {
  let last = -1;
  return (percent, done = false) => {
    const whole = Math.floor(percent);
    if (whole > last || done) {
      last = whole;
      io.stderr.write(`\rTranscribing: ${whole}%${done ? '\n' : ''}`);
    }
  };
}

/** --file is read whole; an hour of 16 kHz stereo is 230 MB, so this allows long calls at high rates. */
const MAX_TRANSCRIBE_FILE_BYTES = 1024 * 1024 * 1024;

/** A WAV file as 16 kHz channels: stereo as rep + customer, mono as the rep with a silent customer. */
function readWavChannels(file: string): { channels: { rep: Int16Array; customer: Int16Array }; stereo: boolean; durationMs: number } {
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(file, MAX_TRANSCRIBE_FILE_BYTES);
  } catch (error: unknown) {
    if (error instanceof BoundedReadError) {
      throw new CliFailure(error.problem === 'missing' ? ExitCode.notFound : ExitCode.usage, `Cannot transcribe: ${error.message}.`);
    }
    throw error;
  }
  let decoded: Int16Array[];
  let rate: number;
  try {
    const info = parseWavHeader(bytes, bytes.length);
    rate = info.sampleRate;
    decoded = decodeWavData(info, bytes.subarray(info.dataOffset, info.dataOffset + info.dataBytes));
  } catch (error: unknown) {
    throw new CliFailure(ExitCode.usage, `${file} is not a WAV file this version reads (${error instanceof Error ? error.message : 'unknown problem'}).`);
  }
  const to16k = (samples: Int16Array): Int16Array => {
    if (rate === TRANSCRIPTION_SAMPLE_RATE) {
      return samples;
    }
    const resampler = new Resampler(rate, TRANSCRIPTION_SAMPLE_RATE);
    const floats = [resampler.push(Float32Array.from(samples, (v) => v / 32768)), resampler.flush()];
    const out = new Int16Array(floats.reduce((n, f) => n + f.length, 0));
    let at = 0;
    for (const part of floats) {
      out.set(Int16Array.from(part, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32768)))), at);
      at += part.length;
    }
    return out;
  };
  const rep = to16k(decoded[0] ?? new Int16Array(0));
  const stereo = decoded.length >= 2;
  const customer = stereo ? to16k(decoded[1] ?? new Int16Array(0)) : new Int16Array(rep.length);
  return { channels: { rep, customer }, stereo, durationMs: (rep.length / TRANSCRIPTION_SAMPLE_RATE) * 1000 };
}
