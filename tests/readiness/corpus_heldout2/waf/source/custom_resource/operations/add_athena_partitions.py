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

from resource_manager import ResourceManager
from operations.operation_types import (
    REQUEST_TYPE,
    CREATE,
    UPDATE
)

def execute(event, _, log):
    resource_manager = ResourceManager(log=log)

    if event[REQUEST_TYPE] in {CREATE, UPDATE}:
        resource_manager.add_athena_partitions(event)