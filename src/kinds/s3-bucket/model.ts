// The S3Bucket body after defaults.

export interface S3LifecycleSpec {
  transitionToIaDays?: number;
  transitionToGlacierDays?: number;
  expireDays?: number;
  noncurrentExpireDays?: number;
}

export interface S3BucketSpec {
  region: string;
  /** Final bucket name (default `<s3.namePrefix>-<name>` already applied). */
  bucketName: string;
  versioning: boolean;
  encryption: 'AES256' | 'aws:kms';
  /** The KMS key for aws:kms; absent, S3 uses the AWS-managed `aws/s3` key. */
  kmsKeyId?: string;
  lifecycle?: S3LifecycleSpec;
  forceDestroy: boolean;
}
