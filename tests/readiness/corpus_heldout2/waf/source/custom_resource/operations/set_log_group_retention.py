######################################################################################################################
#  Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.                                                #
#                                                                                                                    #
#  Licensed under the Apache License, Version 2.0 (the "License"). You may not use this file except in compliance    #
#  with the License. A copy of the License is located at                                                             #
#                                                                                                                    #
#      http://www.apache.org/licenses/LICENSE-2.0                                                                    #
#                                                                                                                    #
#  or in the "license" file accompanying this file. This file is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES #
#  OR CONDITIONS OF ANY KIND, express or implied. See the License for the specific language governing permissions    #
#  and limitations under the License.                                                                                #
######################################################################################################################

from operations.operation_types import (
    CREATE,
    UPDATE,
    REQUEST_TYPE
)
from log_group_retention import LogGroupRetention

def execute(event, _, log):
    if event[REQUEST_TYPE] in {UPDATE, CREATE}:
        log_group_retention = LogGroupRetention(log)
        log_group_retention.update_retention(
            event=event
        )