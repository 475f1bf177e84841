export * from './decide-retention';
export * from './hold';
