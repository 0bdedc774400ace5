def get_secrets():
    secret_teams_name = "MicrosoftChannelID"
    secret_slack_name = "SlackChannelID"
    secret_chime_name = "ChimeChannelID"
    region_name = os.environ["AWS_REGION"]
    event_bus_name = "EventBusName"
    secret_assumerole_name = "AssumeRoleArn"
    secrets = {}

    # create a Secrets Manager client
    client = aws_api.secretsmanager(region_name=region_name)
    # Iteration through the configured AWS Secrets
    secrets["teams"] = (
        get_secret(secret_teams_name, client) if "Teams" in os.environ else "None"
    )
    secrets["slack"] = (
        get_secret(secret_slack_name, client) if "Slack" in os.environ else "None"
    )
    secrets["chime"] = (
        get_secret(secret_chime_name, client) if "Chime" in os.environ else "None"
    )
    secrets["ahaassumerole"] = (
        get_secret(secret_assumerole_name, client)
        if os.environ["MANAGEMENT_ROLE_ARN"] != "None"
        else "None"
    )
    secrets["eventbusname"] = (
        get_secret(event_bus_name, client) if "Eventbridge" in os.environ else "None"
    )

    # uncomment below to verify secrets values
    # print("Secrets: ",secrets)
    return secrets


def get_secret(secret_name, client):
    try:
        get_secret_value_response = client.get_secret_value(SecretId=secret_name)
    except ClientError as e:
        print(f"There was an error with the {secret_name} secret: ", e.response)
        return "None"
    finally:
        if "SecretString" not in get_secret_value_response:
            return "None"

        return get_secret_value_response["SecretString"]


def describe_events(health_client):
    str_ddb_format_sec = "%s"
    # set hours to search back in time for events
    delta_hours = os.environ["EVENT_SEARCH_BACK"]
    health_event_type = os.environ["HEALTH_EVENT_TYPE"]
    delta_hours = int(delta_hours)
    time_delta = datetime.now() - timedelta(hours=delta_hours)
    print("Searching for events and updates made after: ", time_delta)
    dict_regions = os.environ["REGIONS"]

    str_filter = {"lastUpdatedTimes": [{"from": time_delta}]}

    if health_event_type == "issue":
        event_type_filter = {"eventTypeCategories": ["issue", "investigation"]}
        print(
            "AHA will be monitoring events with event type categories as 'issue' only!"
        )
        str_filter.update(event_type_filter)

    if dict_regions != "all regions":
        dict_regions = [region.strip() for region in dict_regions.split(",")]
        print(
            "AHA will monitor for events only in the selected regions: ", dict_regions
        )
        region_filter = {"regions": dict_regions}
        str_filter.update(region_filter)

    event_paginator = health_client.get_paginator("describe_events")
    event_page_iterator = event_paginator.paginate(filter=str_filter)
    for response in event_page_iterator:
        events = response.get("events", [])
        aws_events = json.dumps(events, default=myconverter)
        aws_events = json.loads(aws_events)
        print("Event(s) Received: ", json.dumps(aws_events))
        if len(aws_events) > 0:  # if there are new event(s) from AWS
            for event in aws_events:
                event_arn = event["arn"]
                status_code = event["statusCode"]
                str_update = parser.parse((event["lastUpdatedTime"]))
                str_update = str_update.strftime(str_ddb_format_sec)

                # get non-organizational view requirements
                affected_accounts = get_health_accounts(health_client, event, event_arn)
                affected_entities = get_affected_entities(
                    health_client, event_arn, affected_accounts, is_org_mode=False
                )

                # get event details
                event_details = json.dumps(
                    describe_event_details(health_client, event_arn),
                    default=myconverter,
                )
                event_details = json.loads(event_details)
                print("Event Details: ", event_details)
                if event_details["successfulSet"] == []:
                    print(
                        "An error occured with account:",
                        event_details["failedSet"][0]["awsAccountId"],
                        "due to:",
                        event_details["failedSet"][0]["errorName"],
                        ":",
                        event_details["failedSet"][0]["errorMessage"],
                    )
                    continue
                else:
                    # write to dynamoDB for persistence
                    update_ddb(
                        event_arn,
                        str_update,
                        status_code,
                        event_details,
                        affected_accounts,
                        affected_entities,
                    )
        else:
            print("No events found in time frame, checking again in 1 minute.")


def describe_org_events(health_client):
    str_ddb_format_sec = "%s"
    # set hours to search back in time for events
    delta_hours = os.environ["EVENT_SEARCH_BACK"]
    health_event_type = os.environ["HEALTH_EVENT_TYPE"]
    dict_regions = os.environ["REGIONS"]
    delta_hours = int(delta_hours)
    time_delta = datetime.now() - timedelta(hours=delta_hours)
    print("Searching for events and updates made after: ", time_delta)

    str_filter = {"lastUpdatedTime": {"from": time_delta}}

    if health_event_type == "issue":
        event_type_filter = {"eventTypeCategories": ["issue", "investigation"]}
        print(
            "AHA will be monitoring events with event type categories as 'issue' only!"
        )
        str_filter.update(event_type_filter)

    if dict_regions != "all regions":
        dict_regions = [region.strip() for region in dict_regions.split(",")]
        print(
            "AHA will monitor for events only in the selected regions: ", dict_regions
        )
        region_filter = {"regions": dict_regions}
        str_filter.update(region_filter)

    org_event_paginator = health_client.get_paginator(
        "describe_events_for_organization"
    )
    org_event_page_iterator = org_event_paginator.paginate(filter=str_filter)
    for response in org_event_page_iterator:
        events = response.get("events", [])
        aws_events = json.dumps(events, default=myconverter)
        aws_events = json.loads(aws_events)
        print("Event(s) Received: ", json.dumps(aws_events))
        if len(aws_events) > 0:
            for event in aws_events:
                event_arn = event["arn"]
                status_code = event["statusCode"]
                str_update = parser.parse((event["lastUpdatedTime"]))
                str_update = str_update.strftime(str_ddb_format_sec)

                # get organizational view requirements
                affected_org_accounts = get_health_org_accounts(
                    health_client, event, event_arn
                )
                if (
                    os.environ["ACCOUNT_IDS"] == "None"
                    or os.environ["ACCOUNT_IDS"] == ""
                ):
                    affected_org_accounts = affected_org_accounts
                    update_org_ddb_flag = True
                else:
                    account_ids_to_filter = getAccountIDs()
                    if affected_org_accounts != []:
                        focused_org_accounts = [
                            i
                            for i in affected_org_accounts
                            if i not in account_ids_to_filter
                        ]
                        print("Focused list is ", focused_org_accounts)
                        if focused_org_accounts != []:
                            update_org_ddb_flag = True
                            affected_org_accounts = focused_org_accounts
                        else:
                            update_org_ddb_flag = False
                            print("Focused Organization Account list is empty")
                    else:
                        update_org_ddb_flag = True

                affected_org_entities = get_affected_entities(
                    health_client, event_arn, affected_org_accounts, is_org_mode=True
                )
                # get event details
                event_details = json.dumps(
                    describe_org_event_details(
                        health_client, event_arn, affected_org_accounts
                    ),
                    default=myconverter,
                )
                event_details = json.loads(event_details)
                print("Event Details: ", event_details)
                if event_details["successfulSet"] == []:
                    print(
                        "An error occured with account:",
                        event_details["failedSet"][0]["awsAccountId"],
                        "due to:",
                        event_details["failedSet"][0]["errorName"],
                        ":",
                        event_details["failedSet"][0]["errorMessage"],
                    )
                    continue
                else:
                    # write to dynamoDB for persistence
                    if update_org_ddb_flag:
                        update_org_ddb(
                            event_arn,
                            str_update,
                            status_code,
                            event_details,
                            affected_org_accounts,
                            affected_org_entities,
                        )
        else:
            print("No events found in time frame, checking again in 1 minute.")


def myconverter(json_object):
    if isinstance(json_object, datetime):
        return json_object.__str__()


def describe_event_details(health_client, event_arn):
    response = health_client.describe_event_details(
        eventArns=[event_arn],
    )
    return response


def describe_org_event_details(health_client, event_arn, affected_org_accounts):
    if len(affected_org_accounts) >= 1:
        affected_account_ids = affected_org_accounts[0]
        response = health_client.describe_event_details_for_organization(
            organizationEventDetailFilters=[
                {"awsAccountId": affected_account_ids, "eventArn": event_arn}
            ]
        )
    else:
        response = describe_event_details(health_client, event_arn)

    return response


def eventbridge_generate_entries(message, resources, event_bus):
    return [
        {
            "Source": "aha",
            "DetailType": "AHA Event",
            "Resources": resources,
            "Detail": json.dumps(message),
            "EventBusName": event_bus,
        },
    ]


def send_to_eventbridge(message, event_type, resources, event_bus):
    print(
        "Sending response to Eventbridge - event_type, event_bus", event_type, event_bus
    )
    client = aws_api.client("events")

    entries = eventbridge_generate_entries(message, resources, event_bus)

    print("Sending entries: ", entries)

    response = client.put_events(Entries=entries)
    print("Response from eventbridge is:", response)


def getAccountIDs():
    account_ids = ""
    key_file_name = os.environ["ACCOUNT_IDS"]
    print("Key filename is - ", key_file_name)
    if os.path.splitext(os.path.basename(key_file_name))[1] == ".csv":
        s3 = aws_api.client("s3")
        data = s3.get_object(Bucket=os.environ["S3_BUCKET"], Key=key_file_name)
        account_ids = [account.decode("utf-8") for account in data["Body"].iter_lines()]
    else:
        print("Key filename is not a .csv file")
    print(account_ids)
    return account_ids


def get_sts_token(service):
    assumeRoleArn = get_secrets()["ahaassumerole"]
    boto3_client = None

    if "arn:aws:iam::" in assumeRoleArn:
        ACCESS_KEY = []
        SECRET_KEY = []
        SESSION_TOKEN = []

        sts_connection = aws_api.client("sts")

        ct = datetime.now()
        role_session_name = "cross_acct_aha_session"

        acct_b = sts_connection.assume_role(
            RoleArn=assumeRoleArn,
            RoleSessionName=role_session_name,
            DurationSeconds=900,
        )

        ACCESS_KEY = acct_b["Credentials"]["AccessKeyId"]
        SECRET_KEY = acct_b["Credentials"]["SecretAccessKey"]
        SESSION_TOKEN = acct_b["Credentials"]["SessionToken"]

        # create service client using the assumed role credentials, e.g. S3
        boto3_client = aws_api.client(
            service,
            config=config,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            aws_session_token=SESSION_TOKEN,
        )
        print("Running in member account deployment mode")
    else:
        boto3_client = aws_api.client(service, config=config)
        print("Running in management account deployment mode")

    return boto3_client


def main(event, context):
    aws_api.cache_clear()
    print("THANK YOU FOR CHOOSING AWS HEALTH AWARE!")
    health_client = get_sts_token("health")
    org_status = os.environ["ORG_STATUS"]
    # str_ddb_format_sec = '%s'

    # check for AWS Organizations Status
    if org_status == "No":
        # TODO update text below to reflect current functionality
        print(
            "AWS Organizations is not enabled. Only Service Health Dashboard messages will be alerted."
        )
        describe_events(health_client)
    else:
        print(
            "AWS Organizations is enabled. Personal Health Dashboard and Service Health Dashboard messages will be alerted."
        )
        describe_org_events(health_client)


if __name__ == "__main__":
    main("", "")
