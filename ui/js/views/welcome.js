// The first thing a person sees: what Tend is, what it keeps, and that it stays offline.
import { clone } from '../dom.js';

export function mount(root) {
  root.append(clone('tpl-welcome'));
}
