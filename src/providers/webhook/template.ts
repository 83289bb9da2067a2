/**
 * The `{variable}` templates of the webhook provider's url and body. Kept apart from the
 * provider so the config schema can check templates without loading the implementation.
 */
import { HttpTemplates } from '../../http-template.js';

export const TEMPLATE_VARIABLES = ['name', 'type', 'ip', 'old_ip'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

export const webhookTemplates = new HttpTemplates(TEMPLATE_VARIABLES, { name: 'home.example.com', type: 'A', ip: '192.0.2.1', old_ip: '192.0.2.2' });
