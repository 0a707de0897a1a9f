import type { CsProperty, ImpactRating, Stride, TaraTreatment } from './demo-types';

/**
 * The demo TARA: a central gateway ECU platform a Tier-1 supplier ships to vehicle makers. Written in English,
 * the language the analysis is exchanged in with the makers' cybersecurity teams under UN R155; the product's
 * name is in both languages. Fictional, but shaped like a real gateway TARA (docs/tara.md).
 */
export const ECU_PRODUCT = {
  code: 'HSZ-ECU-CGW5',
  ja: 'セントラルゲートウェイECU プラットフォーム CGW5',
  en: 'Central gateway ECU platform CGW5',
  line: 'Automotive ECU',
  release: '5.0.0',
};

export const ITEM = {
  title: 'CGW5 central gateway: platform TARA',
  boundary:
    'The gateway ECU with its firmware, its five CAN FD buses (powertrain, chassis, body, infotainment, diagnostics), ' +
    'two automotive Ethernet ports, the OBD-II connector path and the link to the telematics unit. The vehicle ' +
    'backend and the telematics unit itself are outside the item.',
  functions:
    'Routes and filters frames between the buses by a signed routing table; authenticates chassis frames (SecOC); ' +
    'serves UDS diagnostics and software updates over CAN and DoIP; logs trip data for the maker’s fleet service.',
  environment:
    'Installed under the dashboard of passenger cars; reachable physically through the OBD-II port and remotely ' +
    'through the telematics unit. Workshops use authorised diagnostic testers.',
  assumptions:
    'The vehicle maker keeps the backend signing keys in an HSM; workshops are trusted; the telematics unit ' +
    'authenticates the backend (interface agreement with each vehicle maker).',
};

export const ASSETS: { key: string; name: string; description: string; properties: CsProperty[] }[] = [
  {
    key: 'fw',
    name: 'Gateway firmware image',
    description: 'Application and bootloader in internal flash.',
    properties: ['integrity', 'authenticity'],
  },
  {
    key: 'keys',
    name: 'SecOC and update key material',
    description: 'Symmetric SecOC keys and the update verification key.',
    properties: ['confidentiality', 'integrity'],
  },
  {
    key: 'routing',
    name: 'CAN routing and filter table',
    description: 'Which frames may pass between which buses.',
    properties: ['integrity', 'availability'],
  },
  {
    key: 'uds',
    name: 'UDS diagnostic service',
    description: 'Diagnostic sessions, security access, flashing.',
    properties: ['authenticity', 'availability'],
  },
  {
    key: 'log',
    name: 'Trip data log',
    description: 'Timestamps, positions and speeds kept for the fleet service.',
    properties: ['confidentiality'],
  },
];

export const DAMAGES: { key: string; title: string; description: string; impacts: Record<string, ImpactRating> }[] = [
  {
    key: 'brake',
    title: 'Vehicle brakes or steers without the driver asking',
    description: 'Forged chassis frames reach the brake or steering ECU while driving.',
    impacts: { safety: 'severe', financial: 'major', operational: 'severe', privacy: 'negligible' },
  },
  {
    key: 'nostart',
    title: 'Vehicle does not start or falls into limp mode',
    description: 'The gateway stops routing powertrain frames.',
    impacts: { safety: 'moderate', financial: 'moderate', operational: 'major' },
  },
  {
    key: 'location',
    title: "Driver's movements disclosed to a third party",
    description: 'Trip logs with positions leave the vehicle or the fleet service.',
    impacts: { privacy: 'major', financial: 'moderate' },
  },
  {
    key: 'recall',
    title: 'Fleet-wide recall after an attack that scales',
    description: 'One extracted key or exploit works on every vehicle with the platform.',
    impacts: { financial: 'severe', operational: 'major' },
  },
  {
    key: 'feature',
    title: 'Paid features unlocked without payment',
    description: 'Configuration coding changed outside the maker’s service.',
    impacts: { financial: 'moderate', operational: 'negligible' },
  },
];

/** factor ratings: elapsed time, expertise, knowledge, window, equipment */
type R = [string, string, string, string, string];
export type DemoNode = { title: string; kind: 'or' | 'and' } & { children: DemoTree[] };
export type DemoTree = DemoNode | { title: string; kind: 'leaf'; r: R };

export const THREATS: {
  key: string;
  title: string;
  asset: string;
  property: CsProperty;
  stride: Stride;
  cause: string;
  damages: string[];
  tree: DemoTree;
}[] = [
  {
    key: 'flash',
    title: 'Tampered firmware flashed through diagnostics',
    asset: 'fw',
    property: 'integrity',
    stride: 'tampering',
    cause: 'Security access is unlocked and the signature check is bypassed, or a debug port is left open.',
    damages: ['brake', 'recall'],
    tree: {
      title: 'Run attacker firmware on the gateway',
      kind: 'or',
      children: [
        {
          title: 'Flash over UDS',
          kind: 'and',
          children: [
            {
              title: 'Derive the security-access key from a leaked seed/key algorithm',
              kind: 'leaf',
              r: ['le_1_month', 'proficient', 'restricted', 'easy', 'specialised'],
            },
            {
              title: 'Bypass the bootloader signature check (glitching)',
              kind: 'leaf',
              r: ['le_6_months', 'expert', 'confidential', 'moderate', 'bespoke'],
            },
          ],
        },
        {
          title: 'Use a JTAG port left enabled on production units',
          kind: 'leaf',
          r: ['le_1_week', 'proficient', 'restricted', 'difficult', 'specialised'],
        },
      ],
    },
  },
  {
    key: 'inject',
    title: 'Forged frames routed from the OBD port to the chassis bus',
    asset: 'routing',
    property: 'integrity',
    stride: 'spoofing',
    cause: 'A frame the filter should drop passes because of a rule gap, or a compromised OBD dongle sends it.',
    damages: ['brake'],
    tree: {
      title: 'Get a forged frame onto the chassis bus',
      kind: 'or',
      children: [
        {
          title: 'Compromise an aftermarket OBD dongle over Bluetooth',
          kind: 'leaf',
          r: ['le_1_month', 'expert', 'public', 'moderate', 'standard'],
        },
        {
          title: 'Exploit a filter rule gap',
          kind: 'and',
          children: [
            {
              title: 'Find the gap by fuzzing the gateway',
              kind: 'leaf',
              r: ['le_1_month', 'proficient', 'public', 'moderate', 'specialised'],
            },
            {
              title: 'Defeat SecOC on the forged frame',
              kind: 'leaf',
              r: ['gt_6_months', 'multiple_experts', 'confidential', 'moderate', 'bespoke'],
            },
          ],
        },
      ],
    },
  },
  {
    key: 'extract',
    title: 'SecOC key read out of the flash',
    asset: 'keys',
    property: 'confidentiality',
    stride: 'information_disclosure',
    cause: 'Keys kept outside the HSM can be read from a desoldered flash chip.',
    damages: ['brake', 'recall'],
    tree: {
      title: 'Obtain the SecOC key',
      kind: 'and',
      children: [
        {
          title: 'Read out the flash of a scrapped ECU',
          kind: 'leaf',
          r: ['le_1_week', 'proficient', 'public', 'unlimited', 'specialised'],
        },
        {
          title: 'Locate the key in the image',
          kind: 'leaf',
          r: ['le_1_month', 'expert', 'restricted', 'unlimited', 'standard'],
        },
      ],
    },
  },
  {
    key: 'flood',
    title: 'Diagnostic requests flood the gateway',
    asset: 'uds',
    property: 'availability',
    stride: 'denial_of_service',
    cause: 'Requests arrive faster than the gateway can answer them, starving the routing task.',
    damages: ['nostart'],
    tree: {
      title: 'Starve the routing task',
      kind: 'or',
      children: [
        { title: 'Flood from a device on the OBD port', kind: 'leaf', r: ['le_1_day', 'layman', 'public', 'easy', 'standard'] },
        {
          title: 'Flood over DoIP from a compromised telematics unit',
          kind: 'leaf',
          r: ['le_6_months', 'expert', 'restricted', 'unlimited', 'specialised'],
        },
      ],
    },
  },
  {
    key: 'trip',
    title: 'Trip log read through the diagnostic interface',
    asset: 'log',
    property: 'confidentiality',
    stride: 'information_disclosure',
    cause: 'A read service without security access returns the trip log.',
    damages: ['location'],
    tree: {
      title: 'Read the log with a generic tester',
      kind: 'leaf',
      r: ['le_1_week', 'proficient', 'restricted', 'easy', 'standard'],
    },
  },
  {
    key: 'coding',
    title: 'Variant coding changed to unlock features',
    asset: 'fw',
    property: 'authenticity',
    stride: 'tampering',
    cause: 'Coding data is written with a cloned workshop tester.',
    damages: ['feature'],
    tree: {
      title: 'Write coding with a cloned tester',
      kind: 'leaf',
      r: ['le_1_month', 'proficient', 'restricted', 'easy', 'specialised'],
    },
  },
];

export const TREATMENTS: {
  threat: string;
  damage: string;
  treatment: TaraTreatment;
  statement: string;
  cal?: number;
  rationale?: string;
  residual: number;
  signed: boolean;
}[] = [
  {
    threat: 'flash',
    damage: 'brake',
    treatment: 'reduce',
    statement: 'Only firmware signed by the maker’s release key boots, and debug ports are locked at end of line.',
    cal: 4,
    residual: 2,
    signed: true,
  },
  {
    threat: 'flash',
    damage: 'recall',
    treatment: 'reduce',
    statement: 'Security access keys are unique per ECU, derived in the HSM.',
    cal: 3,
    residual: 2,
    signed: true,
  },
  {
    threat: 'inject',
    damage: 'brake',
    treatment: 'reduce',
    statement: 'The gateway forwards to the chassis bus only SecOC-authenticated frames on an allow-list.',
    cal: 4,
    residual: 2,
    signed: false,
  },
  {
    threat: 'extract',
    damage: 'brake',
    treatment: 'reduce',
    statement: 'SecOC keys live only in the HSM’s key store and never in external flash.',
    cal: 3,
    residual: 1,
    signed: true,
  },
  {
    threat: 'extract',
    damage: 'recall',
    treatment: 'share',
    statement: 'Per-vehicle SecOC keys are provisioned by the vehicle maker at end of line.',
    rationale:
      'Key provisioning is the maker’s responsibility under the interface agreement (RASIC: maker responsible, supplier supports).',
    residual: 2,
    signed: true,
  },
  {
    threat: 'flood',
    damage: 'nostart',
    treatment: 'reduce',
    statement: 'Diagnostic requests are rate-limited and never pre-empt the routing task.',
    cal: 2,
    residual: 1,
    signed: false,
  },
  {
    threat: 'trip',
    damage: 'location',
    treatment: 'reduce',
    statement: 'The trip log is readable only after security access in an extended session.',
    cal: 2,
    residual: 1,
    signed: false,
  },
  {
    threat: 'coding',
    damage: 'feature',
    treatment: 'retain',
    statement: 'Feature abuse by coding is accepted for this platform.',
    rationale:
      'Moderate financial impact, feasibility medium: value 2, below the group threshold of 3; monitored through warranty data.',
    residual: 2,
    signed: true,
  },
];
