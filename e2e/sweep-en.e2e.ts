// The everyday-use sweep in English: widths, text keys and native date inputs; axe runs on the Japanese pages (e2e/sweep.ts).
import { sweep } from './sweep';

sweep('en');
