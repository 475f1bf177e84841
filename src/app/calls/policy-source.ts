import fs from 'node:fs';
import path from 'node:path';
import type { PolicyLoad } from '../../core/policy';
import { defaultPolicyPath, readPolicyFile } from '../../platform/policy/policy-file';

/**
 * Which governance policy is in force: CALLVAULT_POLICY when set, else a policy that sales
 * operations installed as `policy.yaml` in the app's data directory, else the shipped default.
 * Read afresh each time it is needed, so a policy made invalid blocks recording at once.
 * Only the organisation's name (asked for by every vault status) is kept between loads, tied to
 * the file it came from as it was then (path, inode, size, times): any change reads it again.
 */
export class PolicySource {
  constructor(
    private readonly appHome: string,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly resourcesDir?: string,
  ) {}

  /** The organisation named by the last policy load, and the file it was read from as it was then. */
  private lastOrganisation: { readonly stamp: string; readonly organisation: string | undefined } | undefined;

  path(): string {
    const override = this.env.CALLVAULT_POLICY;
    if (override !== undefined && override.trim() !== '') {
      return path.resolve(override);
    }
    const installed = path.join(this.appHome, 'policy.yaml');
    return fs.existsSync(installed) ? installed : defaultPolicyPath(this.resourcesDir);
  }

  async load(): Promise<PolicyLoad> {
    const file = this.path();
    // Stamped before reading: a change made while it is read leaves a stale stamp, so it is read again.
    const stamp = fileStamp(file);
    const load = await readPolicyFile(file);
    this.lastOrganisation = stamp === undefined ? undefined : { stamp, organisation: load.ok ? load.loaded.policy.policy.organisation : undefined };
    return load;
  }

  /**
   * The organisation the policy in force names; undefined when it names none or cannot be read.
   * Read once per policy load: while the file is unchanged the last load's answer stands.
   */
  async organisation(): Promise<string | undefined> {
    const last = this.lastOrganisation;
    if (last !== undefined && last.stamp === fileStamp(this.path())) {
      return last.organisation;
    }
    const load = await this.load();
    return load.ok ? load.loaded.policy.policy.organisation : undefined;
  }
}

/** What identifies a file's current contents without reading them; undefined when it cannot be stat'ed. */
function fileStamp(file: string): string | undefined {
  try {
    const st = fs.statSync(file, { bigint: true });
    return [file, st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs].join(':');
  } catch {
    return undefined;
  }
}
