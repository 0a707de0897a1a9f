import type { vulnerabilities } from './tables';

/** The demo's products, releases and SBOM components, and its vulnerability cases (fictional products, real components). */

type Comp = [name: string, version: string, purl: string, licence: string];
const OPENSSL_OLD: Comp = ['openssl', '3.0.7', 'pkg:generic/openssl@3.0.7', 'Apache-2.0'];
const OPENSSL_NEW: Comp = ['openssl', '3.0.13', 'pkg:generic/openssl@3.0.13', 'Apache-2.0'];
const ZLIB: Comp = ['zlib', '1.2.13', 'pkg:generic/zlib@1.2.13', 'Zlib'];
const BUSYBOX: Comp = ['busybox', '1.36.1', 'pkg:generic/busybox@1.36.1', 'GPL-2.0-only'];
const LOG4J_OLD: Comp = ['log4j-core', '2.14.1', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'Apache-2.0'];
const LOG4J_NEW: Comp = ['log4j-core', '2.17.1', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1', 'Apache-2.0'];
const FREERTOS: Comp = ['FreeRTOS-Kernel', '10.5.1', 'pkg:github/freertos/freertos-kernel@V10.5.1', 'MIT'];
const LWIP: Comp = ['lwip', '2.1.3', 'pkg:generic/lwip@2.1.3', 'BSD-3-Clause'];
const MBEDTLS: Comp = ['mbedtls', '3.4.0', 'pkg:github/mbed-tls/mbedtls@v3.4.0', 'Apache-2.0'];
const CURL: Comp = ['curl', '8.4.0', 'pkg:generic/curl@8.4.0', 'curl'];
const SQLITE: Comp = ['sqlite', '3.42.0', 'pkg:generic/sqlite@3.42.0', 'blessing'];
const JACKSON: Comp = [
  'jackson-databind',
  '2.15.2',
  'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2',
  'Apache-2.0',
];
const EXPRESS: Comp = ['express', '4.18.2', 'pkg:npm/express@4.18.2', 'MIT'];
const LODASH: Comp = ['lodash', '4.17.21', 'pkg:npm/lodash@4.17.21', 'MIT'];

export interface DemoProduct {
  code: string;
  ja: string;
  en: string;
  line: string;
  stage: 'design' | 'implement' | 'operate' | 'end_of_support';
  /** version, days since shipping (null = planned), components */
  releases: [string, number | null, Comp[]][];
  /** EU Cyber Resilience Act attributes (issue 17); absent: not in the CRA's scope */
  cra?: {
    /** days since it was placed on the EU market (absent: not on the EU market) */
    marketDaysAgo?: number;
    category: 'default' | 'important_class_1' | 'important_class_2' | 'critical';
    /** years of support from today */
    supportYears?: number;
    mainEstablishment: string;
    markets: string[];
  };
}

export const PRODUCTS: DemoProduct[] = [
  {
    code: 'HSZ-PLC-X1',
    ja: 'プログラマブルコントローラ X1',
    en: 'Programmable controller X1',
    line: 'FA',
    stage: 'operate',
    cra: {
      marketDaysAgo: 400,
      category: 'important_class_1',
      supportYears: 8,
      mainEstablishment: 'DE',
      markets: ['AT', 'DE', 'FR', 'IT', 'NL'],
    },
    releases: [
      ['2.3.0', 400, [OPENSSL_OLD, ZLIB, BUSYBOX]],
      ['2.4.0', 30, [OPENSSL_NEW, ZLIB, BUSYBOX]],
    ],
  },
  {
    code: 'HSZ-HMI-7',
    ja: 'タッチパネル表示器 HMI-7',
    en: 'HMI-7 touch panel',
    line: 'FA',
    stage: 'operate',
    // Sold in Japan and Asia only: in the CRA's scope by its nature, but not on the EU market (no clock).
    cra: { category: 'default', mainEstablishment: 'DE', markets: [] },
    releases: [
      ['1.8.2', 500, [OPENSSL_OLD, ZLIB, BUSYBOX, SQLITE]],
      ['1.9.0', 60, [OPENSSL_NEW, ZLIB, BUSYBOX, SQLITE]],
    ],
  },
  {
    code: 'HSZ-GW-200',
    ja: 'IoTゲートウェイ GW-200',
    en: 'IoT gateway GW-200',
    line: 'IoT',
    stage: 'operate',
    cra: {
      marketDaysAgo: 300,
      category: 'important_class_1',
      supportYears: 6,
      mainEstablishment: 'NL',
      markets: ['BE', 'DE', 'FR', 'NL'],
    },
    releases: [
      ['3.1.0', 300, [OPENSSL_OLD, ZLIB, BUSYBOX, CURL]],
      ['3.2.0', null, [OPENSSL_NEW, ZLIB, BUSYBOX, CURL]],
    ],
  },
  {
    code: 'HSZ-SENS-T3',
    ja: '温度センサ T3',
    en: 'Temperature sensor T3',
    line: 'IoT',
    stage: 'operate',
    cra: { marketDaysAgo: 700, category: 'default', supportYears: 5, mainEstablishment: 'DE', markets: ['DE', 'FR', 'NL', 'PL'] },
    releases: [['1.2.0', 700, [FREERTOS, LWIP, MBEDTLS]]],
  },
  {
    code: 'HSZ-MES-CLOUD',
    ja: '生産管理クラウド',
    en: 'Production management cloud',
    line: 'Software',
    stage: 'operate',
    releases: [
      ['5.0.0', 900, [LOG4J_OLD, JACKSON]],
      ['5.0.1', 650, [LOG4J_NEW, JACKSON]],
    ],
  },
  {
    code: 'HSZ-MAINT-APP',
    ja: '保守支援アプリ',
    en: 'Maintenance assistant app',
    line: 'Software',
    stage: 'implement',
    releases: [['0.9.0', null, [EXPRESS, LODASH, SQLITE]]],
  },
  {
    code: 'HSZ-INV-S5',
    ja: 'インバータ S5',
    en: 'Inverter S5',
    line: 'Drive',
    stage: 'operate',
    cra: {
      marketDaysAgo: 250,
      category: 'default',
      supportYears: 10,
      mainEstablishment: 'DE',
      markets: ['AT', 'CZ', 'DE', 'ES', 'IT'],
    },
    releases: [['4.0.2', 250, [FREERTOS, LWIP, ZLIB]]],
  },
  {
    code: 'HSZ-ROBO-C2',
    ja: '協働ロボット制御盤 C2',
    en: 'Cobot controller C2',
    line: 'Robotics',
    stage: 'design',
    releases: [],
  },
];

export interface DemoCase {
  title: string;
  description: string;
  status: (typeof vulnerabilities.$inferSelect)['status'];
  source: 'report' | 'internal';
  daysAgo: number;
  cvss31?: string;
  cvss40?: string;
  cwe?: string;
  cveId?: string;
  products: {
    code: string;
    status: 'under_investigation' | 'affected' | 'not_affected' | 'fixed';
    affectedVersions?: string;
    fixedVersion?: string;
    remediation?: string;
  }[];
  advisory?: { titleJa: string; titleEn: string; summaryJa: string; summaryEn: string };
}

export const CASES: DemoCase[] = [
  {
    title: 'Web management: authentication bypass via crafted session cookie',
    description: 'A researcher reports that the web management page of the GW-200 accepts a forged session cookie.',
    status: 'new',
    source: 'report',
    daysAgo: 2,
    products: [],
  },
  {
    title: 'Stored XSS in the maintenance app report view',
    description: 'Report titles are rendered without escaping in the maintenance assistant app.',
    status: 'triage',
    source: 'report',
    daysAgo: 12,
    cvss31: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N',
    cwe: 'CWE-79',
    products: [{ code: 'HSZ-MAINT-APP', status: 'under_investigation' }],
  },
  {
    title: 'Denial of service of the T3 sensor by malformed TCP options',
    description: 'A malformed TCP option makes the sensor reboot (lwIP input handling).',
    status: 'remediating',
    source: 'internal',
    daysAgo: 45,
    cvss31: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    cwe: 'CWE-20',
    products: [
      {
        code: 'HSZ-SENS-T3',
        status: 'affected',
        affectedVersions: '<= 1.2.0',
        remediation: 'Filter TCP options at the plant firewall until firmware 1.2.1 is installed.',
      },
      // The same lwIP input handling: the inverter reboots too (reproduced in the lab).
      { code: 'HSZ-INV-S5', status: 'affected', affectedVersions: '<= 4.0.2' },
    ],
  },
  {
    title: 'Remote code execution through log4j-core (Log4Shell) in the production management cloud',
    description: 'log4j-core 2.14.1 in release 5.0.0 is affected by CVE-2021-44228.',
    status: 'disclosed',
    source: 'internal',
    daysAgo: 900,
    cvss31: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    cwe: 'CWE-502',
    cveId: 'CVE-2021-44228',
    products: [{ code: 'HSZ-MES-CLOUD', status: 'affected', affectedVersions: '5.0.0', fixedVersion: '5.0.1' }],
    advisory: {
      titleJa: '生産管理クラウドにおける Apache Log4j の脆弱性（Log4Shell）',
      titleEn: 'Apache Log4j vulnerability (Log4Shell) in the production management cloud',
      summaryJa:
        '生産管理クラウド 5.0.0 が使用する Apache Log4j に、遠隔の第三者が任意のコードを実行できる脆弱性があります。5.0.1 で修正しました。',
      summaryEn:
        'The Apache Log4j library used by the production management cloud 5.0.0 lets a remote attacker run arbitrary code. Fixed in 5.0.1.',
    },
  },
  {
    title: 'Buffer overflow in the web server of the PLC X1 and HMI-7',
    description: 'An overlong HTTP header overflows a stack buffer in the embedded web server.',
    status: 'disclosed',
    source: 'report',
    daysAgo: 90,
    cvss31: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    cvss40: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    cwe: 'CWE-787',
    products: [
      {
        code: 'HSZ-PLC-X1',
        status: 'affected',
        affectedVersions: '<= 2.3.0',
        fixedVersion: '2.4.0',
        remediation: 'Update the firmware to 2.4.0; until then, block port 80 from untrusted networks.',
      },
      {
        code: 'HSZ-HMI-7',
        status: 'affected',
        affectedVersions: '<= 1.8.2',
        fixedVersion: '1.9.0',
        remediation: 'Update to 1.9.0.',
      },
      { code: 'HSZ-SENS-T3', status: 'not_affected' },
    ],
    advisory: {
      titleJa: 'プログラマブルコントローラ X1 および HMI-7 の Web サーバにおけるバッファオーバーフロー',
      titleEn: 'Buffer overflow in the web server of the programmable controller X1 and HMI-7',
      summaryJa:
        '細工された HTTP リクエストにより、遠隔の第三者が任意のコードを実行できる可能性があります。修正版ファームウェアに更新してください。',
      summaryEn: 'A crafted HTTP request may let a remote attacker run arbitrary code. Update the firmware to the fixed version.',
    },
  },
  {
    title: 'OpenSSL 3.0.7 X.509 email address buffer overflows in the IoT gateway',
    description: 'The GW-200 3.1.0 ships OpenSSL 3.0.7; CVE-2022-3602 does not apply (fixed in 3.0.7), CVE-2023-0286 does.',
    status: 'disclosed',
    source: 'internal',
    daysAgo: 200,
    cvss31: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H',
    cwe: 'CWE-843',
    cveId: 'CVE-2023-0286',
    products: [
      {
        code: 'HSZ-GW-200',
        status: 'affected',
        affectedVersions: '3.1.0',
        remediation: 'Disable certificate revocation checks with CRLs from untrusted sources until 3.2.0 ships.',
      },
      { code: 'HSZ-INV-S5', status: 'not_affected' },
    ],
    advisory: {
      titleJa: 'IoT ゲートウェイ GW-200 における OpenSSL の脆弱性（CVE-2023-0286）',
      titleEn: 'OpenSSL vulnerability (CVE-2023-0286) in the IoT gateway GW-200',
      summaryJa: 'GW-200 3.1.0 が使用する OpenSSL の型混同の脆弱性により、情報漏えいやサービス停止のおそれがあります。',
      summaryEn:
        'A type confusion in the OpenSSL library used by GW-200 3.1.0 may disclose memory contents or cause a denial of service.',
    },
  },
];
