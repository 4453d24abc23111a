/** A file Vite emits as an asset of the build, imported as its URL (`…?url`). */
declare module "*?url" {
  const url: string;
  export default url;
}
