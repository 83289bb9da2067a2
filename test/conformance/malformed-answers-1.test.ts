import { loadKitShard } from '../helpers/conformance.js';
import { defineMalformedAnswerSuites } from './malformed-answers.suite.js';

defineMalformedAnswerSuites(await loadKitShard(0, 2, 'http'));
