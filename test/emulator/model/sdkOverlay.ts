/**
 * Request members the AWS SDK for JavaScript (client-sagemaker 3.1142, client-cloudwatch-logs
 * 3.1169) sends that botocore 1.43.11, whose models the service validates against, does not know
 * yet, by botocore shape name. They
 * are accepted without checks, and the members the SDK made optional are not required. The
 * schema-agreement unit test fails when this list and the two models stop matching, so it is
 * updated together with either model.
 */
export const SDK_NEWER_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  CreateDomainRequest: ['HomeEfsFileSystemCreation'],
  UpdateDomainRequest: ['HomeEfsFileSystemCreation'],
  ProductionVariantRoutingConfig: ['PrefixAwareRoutingConfig'],
  MetricsConfig: ['EnableDetailedObservability'],
  ResourceConfig: ['InstancePreferences', 'SelectedInstanceType', 'SelectedInstanceCount'],
  ContainerDefinition: ['ContainerMetricsConfig'],
  ProcessingClusterConfig: ['InstancePreferences', 'SelectedInstanceType', 'SelectedInstanceCount'],
  ServerlessJobConfig: ['SequenceLength'],
  FilterLogEventsRequest: ['startFromHead'],
};

/** Members botocore requires that the SDK's schema leaves optional. */
export const SDK_OPTIONAL_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  ProcessingClusterConfig: ['InstanceCount', 'InstanceType'],
};
