export const notebookViewId = 'sagemaker.notebookInstances';
