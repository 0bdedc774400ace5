"""Every boto3 call of the workbench lives in this package. Panes never import it directly: a worker thread calls
these functions and puts the resulting documents into the store.

* :mod:`workbench.aws.session` — ``open_session(AwsSettings)`` → ``AwsSession`` (profile, region, endpoint
  override, retries with backoff, call counting); ``Progress`` callbacks and ``cancel`` events;
* :mod:`workbench.aws.errors` — ``AwsProblem`` (``kind`` + a plain ``message``) for every failure;
* :mod:`workbench.aws.functions` — ``list_functions`` (paginated, filtered), ``read_function``;
* :mod:`workbench.aws.cloudwatch` — batched ``GetMetricData`` (500 queries a call) and ``FunctionMetrics``;
* :mod:`workbench.aws.traffic_shape` — the pure traffic-shape classifier and traffic figures;
* :mod:`workbench.aws.costexplorer` — the function's monthly cost, when Cost Explorer allows;
* :mod:`workbench.aws.intake` — ``import_function`` → ``ImportResult`` with the ``Workload``;
* :mod:`workbench.aws.triage` — ``triage`` of whole Regions → ranked ``TriageRow``s;
  :mod:`workbench.aws.triage_report` renders them as a table, JSON or CSV.

Nothing here is imported by ``workbench/__init__``; boto3 loads on the first ``open_session``.
"""
