/**
 * Registers zod's English messages. zod/mini loads no locale (classic zod loads English by
 * itself), so an issue without a message of its own would read only "Invalid input". The state
 * file's recovery reason and DNSPod's protocol errors quote zod's wording ("Invalid input:
 * expected string, received number"); importing this module keeps it. Config problems never get
 * here: they are worded by humanIssueMessage. The locale adds about 2 KB to the bundle.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());
