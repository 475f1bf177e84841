import type { TestProject } from 'vitest/node';
import { startCluster } from './helpers/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresBin: string;
  }
}

/** One throwaway PostgreSQL cluster for the server project; each test makes its own database in it. */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
  project.provide('postgresBin', cluster.bin);
  return () => {
    cluster.stop();
  };
}
