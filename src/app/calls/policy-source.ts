import fs from 'node:fs';
import path from 'node:path';
import type { PolicyLoad } from '../../core/policy';
import { defaultPolicyPath, readPolicyFile } from '../../platform/policy/policy-file';

/**
 * Which governance policy is in force: CALLVAULT_POLICY when set, else a policy that sales
 * operations installed as `policy.yaml` in the app's data directory, else the shipped default.
 * Read afresh each time it is needed, so a policy made invalid blocks recording at once.
 */
export class PolicySource {
  constructor(
    private readonly appHome: string,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly resourcesDir?: string,
  ) {}

  path(): string {
    const override = this.env.CALLVAULT_POLICY;
    if (override !== undefined && override.trim() !== '') {
      return path.resolve(override);
    }
    const installed = path.join(this.appHome, 'policy.yaml');
    return fs.existsSync(installed) ? installed : defaultPolicyPath(this.resourcesDir);
  }

  load(): Promise<PolicyLoad> {
    return readPolicyFile(this.path());
  }

  /** The organisation the policy in force names; undefined when it names none or cannot be read. */
  async organisation(): Promise<string | undefined> {
    const load = await this.load();
    return load.ok ? load.loaded.policy.policy.organisation : undefined;
  }
}
