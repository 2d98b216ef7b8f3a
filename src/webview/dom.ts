/** The panel element with this id; throws if the page lacks it (the HTML and the script are out of step). */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`The panel has no #${id}`);
  }
  return element as T;
}
