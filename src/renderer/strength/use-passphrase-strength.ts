import { useEffect, useMemo, useState } from 'react';
import { guessableWords } from '../../core/vault/guessable-words';
import { useQuery } from '../client/use-query';
import type { StrengthEstimate, StrengthEstimator } from './strength-types';

let loading: Promise<StrengthEstimator> | null = null;

function loadEstimator(): Promise<StrengthEstimator> {
  loading ??= import('./zxcvbn-estimator').then(
    (module) => module.estimateStrength,
    (cause: unknown) => {
      loading = null; // let the next screen try again
      throw cause;
    },
  );
  return loading;
}

/**
 * Estimates how guessable `passphrase` is, or null while the estimator loads or the field is empty.
 * The profile's display name, the organisation the policy in force names (the vault status
 * carries it) and the year count as guessable, as they do for the vault service (guessableWords).
 */
export function usePassphraseStrength(passphrase: string, name: string): StrengthEstimate | null {
  const [estimator, setEstimator] = useState<StrengthEstimator | null>(null);
  const status = useQuery('vault.status', {});
  const organisation = status.state.kind === 'loaded' ? (status.state.value.organisation ?? undefined) : undefined;

  useEffect(() => {
    let live = true;
    loadEstimator().then(
      (loaded) => {
        if (live) {
          setEstimator(() => loaded);
        }
      },
      () => {
        // Without the estimator the meter keeps saying it is checking and Create stays disabled:
        // failing closed is right here, and the vault service would reject a weak passphrase anyway.
      },
    );
    return () => {
      live = false;
    };
  }, []);

  return useMemo(() => {
    if (estimator === null || passphrase.length === 0) {
      return null;
    }
    return estimator(passphrase, guessableWords({ name, organisation, year: new Date().getFullYear() }));
  }, [estimator, passphrase, name, organisation]);
}
