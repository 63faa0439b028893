// Every fast-check property in the suite is bounded in time: a failure found on a large random input can take
// minutes to shrink, and a test run must fail with the counterexample it has (seed and path printed to replay it)
// rather than hang CI. A property that needs longer says so in its own options.
import fc from 'fast-check';

fc.configureGlobal({ interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });
