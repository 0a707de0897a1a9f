// The everyday-use sweep in Japanese, with axe (e2e/sweep.ts).
import { sweep } from './sweep';

sweep('ja');
