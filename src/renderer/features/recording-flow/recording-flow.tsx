import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useCallback, useEffect, useState } from 'react';
import type { CallView } from '../../../shared/contract';
import { BusyNote } from '../../components/busy-note';
import { ConsentStep } from '../consent/consent-step';
import { useFocusOnScreenChange } from '../../shell/focus-on-screen';
import { ManualNotes } from '../consent/manual-notes';
import { NewRecordingForm } from '../new-recording/new-recording-form';
import { AcknowledgmentScreen, type AcknowledgmentView } from '../policy/acknowledgment-screen';
import { PolicyBlockedPanel } from '../policy/policy-blocked-panel';
import type { CaptureRun } from '../recording/capture-run';
import { RecordingScreen } from '../recording/recording-screen';
import { checkPolicy, type CallType, type Overview } from './policy-check';

type Step =
  | { kind: 'checking' }
  | { kind: 'failed'; message: string }
  | { kind: 'blocked'; overview: Overview }
  | { kind: 'acknowledge'; view: AcknowledgmentView; origin: Overview['origin'] }
  | { kind: 'form'; callTypes: readonly CallType[]; origin: Overview['origin'] }
  | { kind: 'consent'; view: CallView }
  | { kind: 'recording'; view: CallView; run: CaptureRun }
  | { kind: 'notes'; view: CallView; title: string; summary: string };

type Props = { onClose: (notice: string | null) => void };

/** One call from "New recording" to the end: policy, set-up, consent, then capture or notes. */
export function RecordingFlow({ onClose }: Props) {
  const [step, setStep] = useState<Step>({ kind: 'checking' });
  // Each step is a screen of its own: focus moves to its heading.
  useFocusOnScreenChange(step.kind);

  const check = useCallback(async () => {
    setStep({ kind: 'checking' });
    const checked = await checkPolicy();
    setStep(checked.kind === 'ready' ? { kind: 'form', callTypes: checked.callTypes, origin: checked.origin } : checked);
  }, []);

  useEffect(() => {
    let live = true;
    void checkPolicy().then((checked) => {
      if (live) {
        setStep(checked.kind === 'ready' ? { kind: 'form', callTypes: checked.callTypes, origin: checked.origin } : checked);
      }
    });
    return () => {
      live = false;
    };
  }, []);

  const cancel = () => {
    onClose(null);
  };

  const consentView = (view: CallView) => {
    if (view.state === 'declined') {
      const who = !view.gate.open && view.gate.reason !== 'waiting' ? view.gate.who : 'A participant';
      setStep({ kind: 'notes', view, title: 'Consent declined', summary: `${who} declined to be recorded, so this call is not recorded. Nothing was captured.` });
    } else {
      setStep({ kind: 'consent', view });
    }
  };

  switch (step.kind) {
    case 'checking':
      return <BusyNote text="Checking the recording policy…" />;
    case 'failed':
      return (
        <Stack spacing={2}>
          <Alert severity="error">{step.message}</Alert>
          <Stack direction="row" spacing={1}>
            <Button onClick={() => void check()}>Try again</Button>
            <Button onClick={cancel}>Back to recordings</Button>
          </Stack>
        </Stack>
      );
    case 'blocked':
      return (
        <Stack spacing={2}>
          <PolicyBlockedPanel overview={step.overview} />
          <Button onClick={cancel} sx={{ alignSelf: 'flex-start' }}>
            Back to recordings
          </Button>
        </Stack>
      );
    case 'acknowledge':
      return (
        <AcknowledgmentScreen
          view={step.view}
          origin={step.origin}
          onAcknowledged={() => void check()}
          onReload={(view) => { setStep({ kind: 'acknowledge', view, origin: step.origin }); }}
          onCancel={cancel}
        />
      );
    case 'form':
      return (
        <NewRecordingForm
          callTypes={step.callTypes}
          origin={step.origin}
          onPrepared={consentView}
          onNeedsAcknowledgment={() => void check()}
          onCancel={cancel}
        />
      );
    case 'consent':
      return (
        <ConsentStep
          view={step.view}
          onView={consentView}
          onStarted={(view, run) => { setStep({ kind: 'recording', view, run }); }}
          onCancel={cancel}
        />
      );
    case 'recording':
      return (
        <RecordingScreen
          view={step.view}
          run={step.run}
          onView={(view) => { setStep((current) => (current.kind === 'recording' ? { ...current, view } : current)); }}
          onFinished={onClose}
          onNotRecorded={(view, summary) => { setStep({ kind: 'notes', view, title: 'Recording stopped', summary }); }}
        />
      );
    case 'notes':
      return <ManualNotes callId={step.view.id} title={step.title} summary={step.summary} actions={step.view.declineActions} onDone={() => { onClose(null); }} />;
  }
}
