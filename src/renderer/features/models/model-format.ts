// The model store in words: sizes, states, traits, and which actions a model offers. Pure.
import { assertNever } from '../../../shared/assert';
import type { ModelView } from '../../../shared/contract';

/** Decimal units, as the app's own messages use: 7.9 MB, 142 MB, 1.5 GB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return 'unknown size';
  }
  if (bytes >= 1e9) {
    return `${(bytes / 1e9).toFixed(1)} GB`;
  }
  if (bytes >= 1e7) {
    return `${Math.round(bytes / 1e6)} MB`;
  }
  if (bytes >= 1e6) {
    return `${(bytes / 1e6).toFixed(1)} MB`;
  }
  return `${Math.round(bytes / 1e3)} kB`;
}

function percentText(percent: number | null): string {
  return percent === null ? '' : ` ${Math.floor(Math.min(100, Math.max(0, percent)))}%`;
}

export function modelStatusText(model: Pick<ModelView, 'status' | 'percent'>): string {
  switch (model.status) {
    case 'installed':
      return 'Installed';
    case 'bundled':
      return 'Installed (bundled with CallVault)';
    case 'downloading':
      return `Downloading…${percentText(model.percent)}`;
    case 'partial':
      return `Partly downloaded${percentText(model.percent)}`;
    case 'available':
      return 'Not installed';
    case 'damaged':
      return 'Damaged: the file on disk has the wrong size';
    default:
      return assertNever(model.status);
  }
}

/** "English only · q5_1 quantized" */
export function traitsText(model: Pick<ModelView, 'multilingual' | 'quantization' | 'origin'>): string {
  const parts = [model.multilingual ? 'Multilingual' : 'English only'];
  if (model.quantization !== null) {
    parts.push(model.quantization === 'f16' ? 'full precision (f16)' : `quantized (${model.quantization})`);
  }
  if (model.origin === 'trusted') {
    parts.push('trusted by an administrator');
  }
  return parts.join(' · ');
}

export type ModelAction = 'download' | 'cancel-download' | 'verify' | 'delete';

/** Which actions a model offers in its state; a bundled model is read-only. */
export function modelActions(model: Pick<ModelView, 'status' | 'origin'>): ModelAction[] {
  const canDownload = model.origin === 'manifest';
  switch (model.status) {
    case 'installed':
      return ['verify', 'delete'];
    case 'bundled':
      return ['verify'];
    case 'downloading':
      return ['cancel-download'];
    case 'partial':
      return canDownload ? ['download', 'delete'] : ['delete'];
    case 'available':
      return canDownload ? ['download'] : [];
    case 'damaged':
      return ['verify', 'delete'];
    default:
      return assertNever(model.status);
  }
}

export function isInstalled(model: Pick<ModelView, 'status'>): boolean {
  return model.status === 'installed' || model.status === 'bundled';
}

export function anyDownloading(models: readonly Pick<ModelView, 'status'>[]): boolean {
  return models.some((m) => m.status === 'downloading');
}

/**
 * What the threads setting means on this machine. 0 is the app's default, one core left free
 * (mirrors effectiveThreads in the app; the saved view's own figure is used when it is 0).
 */
export function threadsText(threads: number, view: { threads: number; cores: number; effectiveThreads: number }): string {
  const defaultThreads = view.threads === 0 ? view.effectiveThreads : Math.max(1, view.cores - 1);
  const cores = `${view.cores} ${view.cores === 1 ? 'core' : 'cores'}`;
  if (threads === 0) {
    return `Default (${defaultThreads} ${defaultThreads === 1 ? 'thread' : 'threads'} of this computer’s ${cores})`;
  }
  if (threads > view.cores) {
    return `At most ${cores}: this computer has no more; 0 is the default.`;
  }
  return `${threads} ${threads === 1 ? 'thread' : 'threads'} of ${cores}; 0 is the default.`;
}
