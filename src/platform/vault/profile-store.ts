import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { HEADER_FILE } from './vault-header';
import { CallVaultError } from '../../shared/callvault-error';

/** A profile is one person's vault on this device, in its own directory with its own keys. */
export interface Profile {
  readonly id: string;
  readonly displayName: string;
  readonly dir: string;
  readonly vaultDir: string;
}

const ProfileFile = z.object({ id: z.string(), displayName: z.string().min(1).max(80) });
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export class ProfileError extends CallVaultError {
  constructor(override readonly code: 'PROFILE_NOT_FOUND' | 'PROFILE_EXISTS' | 'BAD_REQUEST', message: string) {
    super(code, message);
  }
  override readonly name = 'ProfileError';
}

export class ProfileStore {
  constructor(readonly appHome: string) {}

  private get root(): string {
    return path.join(this.appHome, 'profiles');
  }

  list(): Profile[] {
    if (!fs.existsSync(this.root)) {
      return [];
    }
    return fs
      .readdirSync(this.root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && ID_PATTERN.test(entry.name))
      .flatMap((entry) => {
        const profile = this.tryLoad(entry.name);
        return profile ? [profile] : [];
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  get(id: string): Profile {
    const profile = ID_PATTERN.test(id) ? this.tryLoad(id) : undefined;
    if (!profile) {
      throw new ProfileError('PROFILE_NOT_FOUND', `There is no profile "${id}" on this device.`);
    }
    return profile;
  }

  create(displayName: string): Profile {
    const name = displayName.trim();
    if (name.length === 0 || name.length > 80) {
      throw new ProfileError('BAD_REQUEST', 'A profile name needs 1 to 80 characters.');
    }
    const base = slugify(name);
    let id = base;
    for (let n = 2; fs.existsSync(path.join(this.root, id)); n += 1) {
      id = `${base.slice(0, 36)}-${n}`;
    }
    const dir = path.join(this.root, id);
    fs.mkdirSync(path.join(dir, 'vault'), { recursive: true, mode: 0o700 });
    writeFileAtomic(path.join(dir, 'profile.json'), `${JSON.stringify({ id, displayName: name })}\n`);
    return this.get(id);
  }

  /**
   * DANGEROUS: removes a profile directory. Only for a profile this process just created whose
   * vault creation failed; refuses one that has a vault header.
   */
  discardNew(profile: Profile): void {
    if (this.hasVault(profile)) {
      throw new ProfileError('BAD_REQUEST', `Profile "${profile.id}" has a vault; it is not removed.`);
    }
    fs.rmSync(profile.dir, { recursive: true, force: true });
  }

  hasVault(profile: Profile): boolean {
    return fs.existsSync(path.join(profile.vaultDir, HEADER_FILE));
  }

  private tryLoad(id: string): Profile | undefined {
    const dir = path.join(this.root, id);
    try {
      const parsed = ProfileFile.safeParse(JSON.parse(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8')));
      if (!parsed.success || parsed.data.id !== id) {
        return undefined;
      }
      return { id, displayName: parsed.data.displayName, dir, vaultDir: path.join(dir, 'vault') };
    } catch {
      return undefined;
    }
  }
}

function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  return slug === '' ? 'profile' : slug;
}
