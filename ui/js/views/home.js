// Home: the place every flow returns to.
import { clone } from '../dom.js';

export function mount(root) {
  root.append(clone('tpl-home'));
}
