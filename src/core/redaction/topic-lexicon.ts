/**
 * Cue phrases per topic with a weight: 1 means the phrase alone makes the segment about the
 * topic, 0.4 means it needs company (a second cue, or a secrecy cue such as "off the record").
 * Phrases are matched as whole words on lower-cased text; `*` ends a stem ("litigat*").
 */
export const TOPICS = ['LEGAL', 'SECURITY', 'PERSONNEL', 'FINANCIAL', 'HEALTH', 'COMPETITIVE'] as const;
export type Topic = (typeof TOPICS)[number];

export interface Cue {
  readonly phrase: string;
  readonly weight: number;
}

const strong = (...phrases: string[]): Cue[] => phrases.map((phrase) => ({ phrase, weight: 1 }));
const weak = (...phrases: string[]): Cue[] => phrases.map((phrase) => ({ phrase, weight: 0.4 }));

export const TOPIC_CUES: Readonly<Record<Topic, readonly Cue[]>> = {
  LEGAL: [
    ...strong('lawsuit*', 'litigat*', 'sue', 'suing', 'sued', 'legal strategy', 'outside counsel', 'our lawyers', 'their lawyers',
      'subpoena*', 'deposition*', 'plaintiff*', 'defendant*', 'cease and desist', 'class action', 'injunction*', 'arbitration',
      'attorney-client', 'attorney client', 'privileged and confidential', 'legal hold', 'patent infringement', 'infring*',
      'breach of contract', 'settlement talks', 'settlement offer', 'settle the case', 'settle out of court', 'court filing*',
      'file a claim', 'legal action', 'take them to court', 'regulator* investigation', 'consent decree', 'the judge'),
    ...weak('legal', 'lawyer*', 'counsel', 'attorney*', 'liability', 'dispute*', 'settlement', 'court', 'claim against', 'indemnif*',
      'compliance issue*', 'regulator*', 'the case'),
  ],
  SECURITY: [
    ...strong('vulnerabilit*', 'zero-day', 'zero day', 'exploit*', 'data breach*', 'security breach*', 'security incident*',
      'ransomware', 'malware', 'phishing', 'compromised', 'unpatched', 'cve-*', 'pen test finding*', 'penetration test finding*',
      'attacker*', 'intrusion*', 'exfiltrat*', 'backdoor*', 'sql injection', 'cross-site scripting', 'privilege escalation',
      'remote code execution', 'incident response', 'got hacked', 'were hacked', 'was hacked', 'been hacked', 'hacker*',
      'leaked credentials', 'credential stuffing', 'ddos', 'security hole*', 'security flaw*', 'breached'),
    ...weak('breach', 'patch*', 'firewall*', 'security', 'hack*', 'outage', 'incident', 'unauthorized access', 'encryption keys',
      'root access', 'admin access', 'leaked'),
  ],
  PERSONNEL: [
    ...strong('fired', 'firing him', 'firing her', 'getting fired', 'laid off', 'layoff*', 'let go', 'performance improvement plan',
      'disciplinary', 'hr investigation', 'harassment', 'complaint against', 'severance', 'demoted', 'demotion', 'reduction in force',
      'written warning', 'underperform*', 'terminated', 'termination of', 'put on a pip', 'on a pip', 'his salary', 'her salary',
      'their salary', 'resignation', 'resigning', 'handing in (?:his|her) notice', 'performance review*', 'misconduct',
      'headcount cut*', 'being managed out', 'poach*'),
    ...weak('hr', 'human resources', 'reorg*', 'compensation', 'promotion', 'quitting', 'quit', 'his manager', 'her manager',
      'performance', 'attrition', 'bonus*', 'salary', 'salaries', 'personnel', 'employee relations', 'grievance*'),
  ],
  FINANCIAL: [
    ...strong('unannounced', 'not yet announced', "hasn't been announced", 'not been announced', 'before earnings',
      'ahead of earnings', 'acquisition*', 'acquiring', 'acquire them', 'acquire us', 'being acquired', 'merger*', 'm&a', 'buyout',
      'takeover', 'due diligence', 'term sheet', 'ipo', 'going public', 'material non-public', 'material nonpublic', 'insider',
      'quiet period', 'missed (?:our|the) number*', 'revenue miss', 'earnings miss', 'unreleased results', 'preliminary results',
      'funding round', 'series [a-e]', 'valuation', 'profit warning', 'restatement', 'going concern', 'bankrupt*', 'chapter 11'),
    ...weak('earnings', 'quarterly results', 'guidance', 'revenue', 'margin*', 'forecast*', 'board meeting', 'investors', 'the deal',
      'confidential financial*', 'cash runway', 'burn rate', 'raise', 'raising'),
  ],
  HEALTH: [
    ...strong('diagnos*', 'cancer', 'chemo*', 'surgery', 'pregnan*', 'medication*', 'prescri*', 'therapist', 'mental health',
      'depression', 'disabilit*', 'medical leave', 'hospitali*', 'in the hospital', 'illness', 'chronic', 'diabetes', 'diabetic',
      'hiv', 'rehab', 'fmla', 'miscarriage', 'tumor', 'tumour', 'stroke', 'heart attack', 'seizure*', 'covid positive',
      'tested positive', 'blood pressure', 'my doctor', 'his doctor', 'her doctor', 'the doctor said', 'oncolog*', 'psychiatr*',
      'adhd', 'autism', 'bipolar', 'ptsd'),
    ...weak('sick', 'sick leave', 'therapy', 'anxiety', 'condition', 'treatment', 'symptoms', 'appointment with', 'doctor',
      'health issue*', 'medical', 'injury', 'injured'),
  ],
  COMPETITIVE: [
    ...strong("competitor's internal", "competitor's roadmap", 'their internal roadmap', 'their internal pricing', 'leaked deck',
      'got a copy of their', 'got hold of their', "their confidential", 'their unreleased', 'poach their customers',
      'going out of business', 'about to go bankrupt', 'their product is insecure', 'their source code', 'from someone inside',
      'contact inside', 'friend at', 'former employee of', "i shouldn't be telling you", 'i should not be telling you',
      'their price list', 'their pricing sheet', 'their discount structure', 'stolen', 'misappropriat*'),
    ...weak('competitor*', 'rival*', 'their pricing', 'their roadmap', 'battle card*', 'their customers', 'switch from',
      'compared to them', 'their product', 'their margins', 'their win rate', 'their churn'),
  ],
};

/** Cues that make any weak topic cue count double: the speaker knows it is sensitive. */
export const SECRECY_CUES: readonly string[] = [
  'off the record', 'between us', 'between you and me', 'confidential', "don't share", 'do not share', "don't tell",
  'keep this quiet', 'keep it quiet', 'not public', 'nonpublic', 'under nda', 'under wraps', 'hush', 'not supposed to',
  "shouldn't be telling", 'just between', 'internal only', 'strictly private',
];
