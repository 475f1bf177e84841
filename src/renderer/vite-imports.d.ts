// Vite import suffixes the renderer uses (the renderer's tsconfig loads no Vite types).

/** A module bundled on its own (for a worker or an audio worklet); the import is its URL. */
declare module '*?worker&url' {
  const url: string;
  export default url;
}
