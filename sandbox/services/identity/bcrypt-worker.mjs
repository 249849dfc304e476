// One bcrypt operation per task, run in a worker thread of the identity service's hasher pool
// (password-hasher.ts). Plain JavaScript: worker threads start without the TypeScript loader.
import bcrypt from 'bcryptjs';

export function compare({ password, hash }) {
  return bcrypt.compareSync(password, hash);
}

export function hash({ password, cost }) {
  return bcrypt.hashSync(password, cost);
}
