/** A class attribute from the names that apply (falsy entries are left out). */
export function classNames(...names: (string | false | undefined)[]): string {
  return names.filter((name) => !!name).join(" ");
}
