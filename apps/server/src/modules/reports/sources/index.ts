/**
 * Every named source, one file per domain; each reads its domain through the domain's service.ts with the scope it
 * is given. Importing this file registers them all (in this order: the order of /api/report-sources). Titles are
 * ours, in both languages.
 */
import './certifications';
import './governance';
import './systems';
import './org';
import './incidents';
import './partners';
import './vulnerabilities';
import './assets';
import './risks';
import './controls';
